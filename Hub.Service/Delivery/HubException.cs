namespace Hub.Service.Delivery;

/// <summary>A refusal the caller must hear about as a fault (HubWebException), e.g. an illegal transition or an unknown caller.</summary>
public sealed class HubException(string message) : Exception(message);
