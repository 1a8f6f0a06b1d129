namespace Hub.Service.Soap;

/// <summary>A SOAP version, as static instances (like CoreWCF's MessageVersion): its namespace, media type and fault codes.</summary>
public sealed class SoapVersion
{
    public static readonly SoapVersion Soap11 = new(
        "1.1", "http://schemas.xmlsoap.org/soap/envelope/", "text/xml", "Client", "Server");

    public static readonly SoapVersion Soap12 = new(
        "1.2", "http://www.w3.org/2003/05/soap-envelope", "application/soap+xml", "Sender", "Receiver");

    private SoapVersion(string name, string envelopeNamespace, string mediaType, string senderCode, string receiverCode)
    {
        Name = name;
        EnvelopeNamespace = envelopeNamespace;
        MediaType = mediaType;
        SenderFaultCode = senderCode;
        ReceiverFaultCode = receiverCode;
    }

    public string Name { get; }
    public string EnvelopeNamespace { get; }
    public string MediaType { get; }
    public string ContentType => MediaType + "; charset=utf-8";
    internal string SenderFaultCode { get; }
    internal string ReceiverFaultCode { get; }

    /// <summary>The version a request's media type announces, or null for a media type that is not SOAP.</summary>
    internal static SoapVersion? FromMediaType(string? mediaType) => mediaType?.ToLowerInvariant() switch
    {
        "text/xml" => Soap11,
        "application/soap+xml" => Soap12,
        _ => null,
    };

    public override string ToString() => "SOAP " + Name;
}
