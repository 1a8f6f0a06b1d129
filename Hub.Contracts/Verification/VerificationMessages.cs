using System.Xml.Serialization;

namespace Hub.Contracts.Verification;

/// <summary>
/// The hub's own verification service (not part of the IPPC contract; served on its own path so that clients
/// generated from the IPPC WSDL are unaffected). Every element is qualified in <see cref="Namespace"/>.
/// </summary>
public static class VerificationContract
{
    public const string Namespace = "urn:ephyto-hub:verification:1";
    public const string GetVerificationResult = nameof(GetVerificationResult);
    public const string Action = Namespace + ":" + GetVerificationResult;
}

[XmlRoot(VerificationContract.GetVerificationResult, Namespace = VerificationContract.Namespace)]
[XmlType(VerificationContract.GetVerificationResult, Namespace = VerificationContract.Namespace)]
public class GetVerificationResultRequest
{
    [XmlElement("hubTrackingNumber")] public string? HubTrackingNumber { get; set; }
}

[XmlRoot("GetVerificationResultResponse", Namespace = VerificationContract.Namespace)]
[XmlType("GetVerificationResultResponse", Namespace = VerificationContract.Namespace)]
public class GetVerificationResultResponse
{
    [XmlElement("VerificationResult")] public VerificationResultEntity? Result { get; set; }
}

/// <summary>The verdict on the signature of the document in one envelope, as the hub recorded it at delivery.</summary>
[XmlType("VerificationResult", Namespace = VerificationContract.Namespace)]
public class VerificationResultEntity
{
    [XmlElement("hubDeliveryNumber", Order = 1)] public string? HubDeliveryNumber { get; set; }

    /// <summary>Valid, Invalid, Unsigned or NotChecked.</summary>
    [XmlElement("verdict", Order = 2)] public string? Verdict { get; set; }

    /// <summary>The check that decided the verdict (e.g. certificate-registered, digest, signature-value).</summary>
    [XmlElement("check", Order = 3)] public string? Check { get; set; }

    [XmlElement("reason", Order = 4)] public string? Reason { get; set; }
    [XmlElement("signerSubject", Order = 5)] public string? SignerSubject { get; set; }
    [XmlElement("signerThumbprint", Order = 6)] public string? SignerThumbprint { get; set; }
    [XmlElement("checkedAt", Order = 7)] public DateTime CheckedAt { get; set; }
}

/// <summary>The fault detail of the verification service: HubWebException{message}, in the service's own namespace.</summary>
[XmlRoot("HubWebException", Namespace = VerificationContract.Namespace)]
[XmlType("HubWebException", Namespace = VerificationContract.Namespace)]
public class VerificationFault
{
    [XmlElement("message")] public string? Message { get; set; }
}
