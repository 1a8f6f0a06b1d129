using System.Xml.Serialization;

namespace Hub.Contracts.Faults;

/// <summary>The detail of every fault of the contract: tns:HubWebException with one qualified child, message.</summary>
[XmlRoot("HubWebException", Namespace = HubNamespaces.Service)]
public class HubWebException
{
    [XmlElement("message")] public string? Message { get; set; }
}
