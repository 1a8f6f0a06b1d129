namespace Hub.Contracts;

/// <summary>
/// The 27 operations of the IPPC DeliveryService and the soapActions that may name each one. Dispatch is on the body
/// element (the operation name); the action only has to agree with it.
/// </summary>
public static class HubOperations
{
    public const string ActionPrefix = "http://ephyto.ippc.int/IDeliveryService/";

    public const string DeliverEnvelope = nameof(DeliverEnvelope);
    public const string ValidateAndDeliverEnvelope = nameof(ValidateAndDeliverEnvelope);
    public const string DeliverPhytoEnvelope = nameof(DeliverPhytoEnvelope);
    public const string DeliverCountryResponseEnvelope = nameof(DeliverCountryResponseEnvelope);
    public const string GetEnvelopeTrackingInfo = nameof(GetEnvelopeTrackingInfo);
    public const string GetUnderDeliveryEnvelope = nameof(GetUnderDeliveryEnvelope);
    public const string GetImportEnvelopeHeaders = nameof(GetImportEnvelopeHeaders);
    public const string PULLSingleImportEnvelope = nameof(PULLSingleImportEnvelope);
    public const string PULLImportEnvelope = nameof(PULLImportEnvelope);
    public const string AcknowledgeEnvelopeReceipt = nameof(AcknowledgeEnvelopeReceipt);
    public const string AdvancedAcknowledgeEnvelopeReceipt = nameof(AdvancedAcknowledgeEnvelopeReceipt);
    public const string AcknowledgeFailedEnvelopeReceipt = nameof(AcknowledgeFailedEnvelopeReceipt);
    public const string SetTrackingInfoUpdate = nameof(SetTrackingInfoUpdate);
    public const string ValidatePhytoXML = nameof(ValidatePhytoXML);
    public const string GetActiveNppos = nameof(GetActiveNppos);
    public const string GetProfile = nameof(GetProfile);
    public const string GetAvailableChannels = nameof(GetAvailableChannels);
    public const string GetAdditionalDeclarations = nameof(GetAdditionalDeclarations);
    public const string GetTreatmentTypes = nameof(GetTreatmentTypes);
    public const string GetIntendedUses = nameof(GetIntendedUses);
    public const string GetPesticides = nameof(GetPesticides);
    public const string GetProductDescriptions = nameof(GetProductDescriptions);
    public const string GetUnitMeasures = nameof(GetUnitMeasures);
    public const string GetMeanOfTransports = nameof(GetMeanOfTransports);
    public const string GetStatements = nameof(GetStatements);
    public const string GetConditions = nameof(GetConditions);
    public const string GetPackageTypes = nameof(GetPackageTypes);

    /// <summary>All 27, in the order of the reference WSDL's binding.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        GetTreatmentTypes, GetAdditionalDeclarations, GetActiveNppos, AcknowledgeFailedEnvelopeReceipt,
        GetImportEnvelopeHeaders, SetTrackingInfoUpdate, PULLSingleImportEnvelope, GetIntendedUses, GetPesticides,
        ValidateAndDeliverEnvelope, DeliverCountryResponseEnvelope, GetEnvelopeTrackingInfo, DeliverPhytoEnvelope,
        GetProfile, GetProductDescriptions, DeliverEnvelope, GetUnitMeasures, GetMeanOfTransports, GetStatements,
        PULLImportEnvelope, GetUnderDeliveryEnvelope, GetConditions, GetAvailableChannels, ValidatePhytoXML,
        GetPackageTypes, AcknowledgeEnvelopeReceipt, AdvancedAcknowledgeEnvelopeReceipt,
    ];

    /// <summary>
    /// The actions accepted for an operation: the binding's soapAction, the portType's wsam:Action, and the prefix plus
    /// the operation's name (what clients that build the action from the method name send). Quirks of the
    /// reference: AdvancedAcknowledgeEnvelopeReceipt's soapAction is .../NegativeAcknowledgeEnvelopeReceipt, and
    /// AcknowledgeFailedEnvelopeReceipt's wsam:Action is the same .../NegativeAcknowledgeEnvelopeReceipt.
    /// </summary>
    public static string[] ActionsOf(string operation) => operation switch
    {
        // The contract's action, and the one clients derive from the operation's name (it names the same operation).
        AdvancedAcknowledgeEnvelopeReceipt => [ActionPrefix + "NegativeAcknowledgeEnvelopeReceipt", ActionPrefix + operation],
        AcknowledgeFailedEnvelopeReceipt => [ActionPrefix + operation, ActionPrefix + "NegativeAcknowledgeEnvelopeReceipt"],
        _ => [ActionPrefix + operation],
    };
}
