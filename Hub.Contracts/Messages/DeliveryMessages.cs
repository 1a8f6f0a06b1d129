using System.Xml.Serialization;
using Hub.Contracts.Entities;

namespace Hub.Contracts.Messages;

// The wrappers of the delivery operations. Wrapper children and result elements are in the service namespace
// (http://ephyto.ippc.int/, qualified); the envelope fields inside them are in HUB.Entities.

[XmlRoot(HubOperations.DeliverEnvelope, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.DeliverEnvelope, Namespace = HubNamespaces.Service)]
public class DeliverEnvelopeRequest
{
    [XmlElement("env")] public Envelope? Env { get; set; }
}

[XmlRoot("DeliverEnvelopeResponse", Namespace = HubNamespaces.Service)]
[XmlType("DeliverEnvelopeResponse", Namespace = HubNamespaces.Service)]
public class DeliverEnvelopeResponse
{
    [XmlElement("DeliverEnvelopeResult")] public EnvelopeHeader? Result { get; set; }
}

/// <summary>ValidateAndDeliverEnvelope: the child is the global element tns:envelope (lower-case), not env.</summary>
[XmlRoot(HubOperations.ValidateAndDeliverEnvelope, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.ValidateAndDeliverEnvelope, Namespace = HubNamespaces.Service)]
public class ValidateAndDeliverEnvelopeRequest
{
    [XmlElement("envelope")] public Envelope? Envelope { get; set; }
}

[XmlRoot("ValidateAndDeliverEnvelopeResponse", Namespace = HubNamespaces.Service)]
[XmlType("ValidateAndDeliverEnvelopeResponse", Namespace = HubNamespaces.Service)]
public class ValidateAndDeliverEnvelopeResponse
{
    [XmlElement("ValidateAndDeliverEnvelopeResult")] public EnvelopeHeader? Result { get; set; }
}

[XmlRoot(HubOperations.GetEnvelopeTrackingInfo, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.GetEnvelopeTrackingInfo, Namespace = HubNamespaces.Service)]
public class GetEnvelopeTrackingInfoRequest
{
    [XmlElement("hubTrackingNumber")] public string? HubTrackingNumber { get; set; }
}

[XmlRoot("GetEnvelopeTrackingInfoResponse", Namespace = HubNamespaces.Service)]
[XmlType("GetEnvelopeTrackingInfoResponse", Namespace = HubNamespaces.Service)]
public class GetEnvelopeTrackingInfoResponse
{
    [XmlElement("GetEnvelopeTrackingInfoResult")] public EnvelopeHeader? Result { get; set; }
}

[XmlRoot(HubOperations.GetUnderDeliveryEnvelope, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.GetUnderDeliveryEnvelope, Namespace = HubNamespaces.Service)]
public class GetUnderDeliveryEnvelopeRequest;

[XmlRoot("GetUnderDeliveryEnvelopeResponse", Namespace = HubNamespaces.Service)]
[XmlType("GetUnderDeliveryEnvelopeResponse", Namespace = HubNamespaces.Service)]
public class GetUnderDeliveryEnvelopeResponse
{
    [XmlArray("GetUnderDeliveryEnvelopeResult")]
    [XmlArrayItem("EnvelopeHeader", Namespace = HubNamespaces.Entities, IsNullable = true)]
    public List<EnvelopeHeader>? Result { get; set; }
}

[XmlRoot(HubOperations.GetImportEnvelopeHeaders, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.GetImportEnvelopeHeaders, Namespace = HubNamespaces.Service)]
public class GetImportEnvelopeHeadersRequest
{
    [XmlElement("countryCode")] public string? CountryCode { get; set; }
}

[XmlRoot("GetImportEnvelopeHeadersResponse", Namespace = HubNamespaces.Service)]
[XmlType("GetImportEnvelopeHeadersResponse", Namespace = HubNamespaces.Service)]
public class GetImportEnvelopeHeadersResponse
{
    [XmlArray("GetImportEnvelopeHeadersResult")]
    [XmlArrayItem("EnvelopeHeader", Namespace = HubNamespaces.Entities, IsNullable = true)]
    public List<EnvelopeHeader>? Result { get; set; }
}

[XmlRoot(HubOperations.PULLSingleImportEnvelope, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.PULLSingleImportEnvelope, Namespace = HubNamespaces.Service)]
public class PullSingleImportEnvelopeRequest
{
    [XmlElement("hubTrackingNumber")] public string? HubTrackingNumber { get; set; }
}

[XmlRoot("PULLSingleImportEnvelopeResponse", Namespace = HubNamespaces.Service)]
[XmlType("PULLSingleImportEnvelopeResponse", Namespace = HubNamespaces.Service)]
public class PullSingleImportEnvelopeResponse
{
    [XmlElement("PULLSingleImportEnvelopeResult")] public Envelope? Result { get; set; }
}

[XmlRoot(HubOperations.PULLImportEnvelope, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.PULLImportEnvelope, Namespace = HubNamespaces.Service)]
public class PullImportEnvelopeRequest;

/// <summary>The result element is PULLImportEnvelopesResult (plural), as in the reference contract.</summary>
[XmlRoot("PULLImportEnvelopeResponse", Namespace = HubNamespaces.Service)]
[XmlType("PULLImportEnvelopeResponse", Namespace = HubNamespaces.Service)]
public class PullImportEnvelopeResponse
{
    [XmlArray("PULLImportEnvelopesResult")]
    [XmlArrayItem("Envelope", Namespace = HubNamespaces.Entities, IsNullable = true)]
    public List<Envelope>? Result { get; set; }
}
