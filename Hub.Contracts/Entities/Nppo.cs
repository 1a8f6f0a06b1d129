using System.Xml.Schema;
using System.Xml.Serialization;

namespace Hub.Contracts.Entities;

/// <summary>HUB.Entities Nppo: a participant as GetActiveNppos and GetProfile publish it.</summary>
[XmlType("Nppo", Namespace = HubNamespaces.Entities)]
public class Nppo
{
    [XmlElement(Order = 1)] public string? Country { get; set; }
    [XmlElement(Order = 2)] public string? Receive { get; set; }
    [XmlElement(Order = 3)] public string? Send { get; set; }
    [XmlElement("AllowedDocument", Order = 4)] public List<AllowedDocument>? AllowedDocuments { get; set; }
    [XmlElement(Order = 5)] public SigningCertificate? Signature { get; set; }

    [XmlArray("ChannelRules", Order = 6)]
    [XmlArrayItem("ChannelRule", IsNullable = true)]
    public List<ChannelRule>? ChannelRules { get; set; }
}

/// <summary>tns:allowedDocument: children unqualified, attribute active.</summary>
[XmlType("allowedDocument", Namespace = HubNamespaces.Service)]
public class AllowedDocument
{
    [XmlElement("certificateType", Form = XmlSchemaForm.Unqualified, Order = 1)] public CodeValue? CertificateType { get; set; }
    [XmlElement("certificateStatus", Form = XmlSchemaForm.Unqualified, Order = 2)] public CodeValue? CertificateStatus { get; set; }
    [XmlAttribute("active")] public bool Active { get; set; }
}

/// <summary>tns:certificateType / tns:certificateStatus: an empty element with attributes number and value.</summary>
[XmlType("certificateType", Namespace = HubNamespaces.Service)]
public class CodeValue
{
    [XmlAttribute("number")] public int Number { get; set; }
    [XmlAttribute("value")] public string? Value { get; set; }
}

/// <summary>tns:signingCertificate: the participant's signing certificate (dn and base64 DER), children unqualified.</summary>
[XmlType("signingCertificate", Namespace = HubNamespaces.Service)]
public class SigningCertificate
{
    [XmlElement("dn", Form = XmlSchemaForm.Unqualified, Order = 1)] public string? Dn { get; set; }
    [XmlElement("certificate", Form = XmlSchemaForm.Unqualified, Order = 2)] public string? Certificate { get; set; }
}

/// <summary>tns:channelRule: attributes only.</summary>
[XmlType("channelRule", Namespace = HubNamespaces.Service)]
public class ChannelRule
{
    [XmlAttribute("id")] public int Id { get; set; }
    [XmlAttribute("active")] public bool Active { get; set; }
    [XmlAttribute("ruleType")] public string? RuleType { get; set; }
    [XmlAttribute("certificateType")] public int CertificateType { get; set; }
    [XmlAttribute("certificateStatus")] public int CertificateStatus { get; set; }
    [XmlAttribute("countryCode")] public string? CountryCode { get; set; }
    [XmlAttribute("direction")] public string? Direction { get; set; }
}

/// <summary>HUB.Entities Channel: Code and Name elements, Receive and Send attributes.</summary>
[XmlType("Channel", Namespace = HubNamespaces.Entities)]
public class Channel
{
    [XmlElement(Order = 1)] public string? Code { get; set; }
    [XmlElement(Order = 2)] public string? Name { get; set; }
    [XmlAttribute("Receive")] public bool Receive { get; set; }
    [XmlAttribute("Send")] public bool Send { get; set; }
}
