using System.Xml.Serialization;
using Hub.Contracts.Entities;

namespace Hub.Contracts.Messages;

[XmlRoot(HubOperations.GetActiveNppos, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.GetActiveNppos, Namespace = HubNamespaces.Service)]
public class GetActiveNpposRequest;

[XmlRoot("GetActiveNpposResponse", Namespace = HubNamespaces.Service)]
[XmlType("GetActiveNpposResponse", Namespace = HubNamespaces.Service)]
public class GetActiveNpposResponse
{
    [XmlArray("GetActiveNpposResult")]
    [XmlArrayItem("Nppo", Namespace = HubNamespaces.Entities, IsNullable = true)]
    public List<Nppo>? Result { get; set; }
}

[XmlRoot(HubOperations.GetProfile, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.GetProfile, Namespace = HubNamespaces.Service)]
public class GetProfileRequest;

[XmlRoot("GetProfileResponse", Namespace = HubNamespaces.Service)]
[XmlType("GetProfileResponse", Namespace = HubNamespaces.Service)]
public class GetProfileResponse
{
    [XmlElement("GetProfileResult")] public Nppo? Result { get; set; }
}

[XmlRoot(HubOperations.GetAvailableChannels, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.GetAvailableChannels, Namespace = HubNamespaces.Service)]
public class GetAvailableChannelsRequest;

[XmlRoot("GetAvailableChannelsResponse", Namespace = HubNamespaces.Service)]
[XmlType("GetAvailableChannelsResponse", Namespace = HubNamespaces.Service)]
public class GetAvailableChannelsResponse
{
    [XmlArray("GetAvailableChannelsResult")]
    [XmlArrayItem("Channel", Namespace = HubNamespaces.Entities, IsNullable = true)]
    public List<Channel>? Result { get; set; }
}
