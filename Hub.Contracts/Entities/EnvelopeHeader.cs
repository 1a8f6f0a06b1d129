using System.Xml.Serialization;

namespace Hub.Contracts.Entities;

/// <summary>
/// HUB.Entities EnvelopeHeader. The numeric fields are carried as text so that the hub, not the serializer, decides
/// what a malformed value means (a fault with a clear message instead of a parser error).
/// </summary>
[XmlType("EnvelopeHeader", Namespace = HubNamespaces.Entities)]
[XmlInclude(typeof(Envelope))]
public class EnvelopeHeader
{
    [XmlElement(Order = 1)] public string? From { get; set; }
    [XmlElement(Order = 2)] public string? To { get; set; }
    [XmlElement(Order = 3)] public string? CertificateType { get; set; }
    [XmlElement(Order = 4)] public string? CertificateStatus { get; set; }
    [XmlElement(Order = 5)] public string? NPPOCertificateNumber { get; set; }
    [XmlElement("hubDeliveryNumber", Order = 6)] public string? HubDeliveryNumber { get; set; }
    [XmlElement("HUBTrackingInfo", Order = 7)] public string? HubTrackingInfo { get; set; }
    [XmlElement("hubDeliveryErrorMessage", Order = 8)] public string? HubDeliveryErrorMessage { get; set; }

    [XmlArray("Forwardings", Order = 9)]
    [XmlArrayItem("EnvelopeForwarding", IsNullable = true)]
    public List<EnvelopeForwarding>? Forwardings { get; set; }
}

/// <summary>HUB.Entities Envelope: the header plus the certificate or permit as a string, stored and returned byte for byte.</summary>
[XmlType("Envelope", Namespace = HubNamespaces.Entities)]
public class Envelope : EnvelopeHeader
{
    [XmlElement(Order = 10)] public string? Content { get; set; }
}

/// <summary>HUB.Entities EnvelopeForwarding: a copy's recipient and its own delivery number (capital H, as in the contract).</summary>
[XmlType("EnvelopeForwarding", Namespace = HubNamespaces.Entities)]
public class EnvelopeForwarding
{
    [XmlElement(Order = 1)] public string? Code { get; set; }
    [XmlElement(Order = 2)] public string? HubDeliveryNumber { get; set; }
}
