using System.Xml.Serialization;

namespace Hub.Contracts.Messages;

[XmlRoot(HubOperations.AcknowledgeEnvelopeReceipt, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.AcknowledgeEnvelopeReceipt, Namespace = HubNamespaces.Service)]
public class AcknowledgeEnvelopeReceiptRequest
{
    [XmlElement("hubTrackingNumber")] public string? HubTrackingNumber { get; set; }
}

[XmlRoot("AcknowledgeEnvelopeReceiptResponse", Namespace = HubNamespaces.Service)]
[XmlType("AcknowledgeEnvelopeReceiptResponse", Namespace = HubNamespaces.Service)]
public class AcknowledgeEnvelopeReceiptResponse;

[XmlRoot(HubOperations.AdvancedAcknowledgeEnvelopeReceipt, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.AdvancedAcknowledgeEnvelopeReceipt, Namespace = HubNamespaces.Service)]
public class AdvancedAcknowledgeEnvelopeReceiptRequest
{
    [XmlElement("hubTrackingNumber")] public string? HubTrackingNumber { get; set; }
    [XmlElement("warningMessage")] public string? WarningMessage { get; set; }
}

[XmlRoot("AdvancedAcknowledgeEnvelopeReceiptResponse", Namespace = HubNamespaces.Service)]
[XmlType("AdvancedAcknowledgeEnvelopeReceiptResponse", Namespace = HubNamespaces.Service)]
public class AdvancedAcknowledgeEnvelopeReceiptResponse
{
    [XmlElement("return")] public string? Return { get; set; }
}

[XmlRoot(HubOperations.AcknowledgeFailedEnvelopeReceipt, Namespace = HubNamespaces.Service)]
[XmlType(HubOperations.AcknowledgeFailedEnvelopeReceipt, Namespace = HubNamespaces.Service)]
public class AcknowledgeFailedEnvelopeReceiptRequest
{
    [XmlElement("hubTrackingNumber")] public string? HubTrackingNumber { get; set; }
    [XmlElement("message")] public string? Message { get; set; }
}

[XmlRoot("AcknowledgeFailedEnvelopeReceiptResponse", Namespace = HubNamespaces.Service)]
[XmlType("AcknowledgeFailedEnvelopeReceiptResponse", Namespace = HubNamespaces.Service)]
public class AcknowledgeFailedEnvelopeReceiptResponse
{
    [XmlElement("return")] public string? Return { get; set; }
}
