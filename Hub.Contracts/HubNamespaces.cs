namespace Hub.Contracts;

/// <summary>The XML namespaces of the IPPC ePhyto Hub contract.</summary>
public static class HubNamespaces
{
    /// <summary>Operation wrappers, their children, result elements, reference data, HubWebException.</summary>
    public const string Service = "http://ephyto.ippc.int/";

    /// <summary>Envelope, EnvelopeHeader, Nppo, Channel and their arrays (every element qualified).</summary>
    public const string Entities = "http://ephyto.ippc.int/HUB.Entities";
}
