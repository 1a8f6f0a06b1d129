using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;

namespace Hub.Tests.Support;

/// <summary>
/// A raw SOAP client over real HTTPS with a client certificate, for endpoint tests: sends exactly the XML it is given
/// and returns the status and the parsed answer. Trusts only the hub's own development server certificate.
/// </summary>
public sealed class SoapTestClient : IDisposable
{
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Tns = "http://ephyto.ippc.int/";
    public static readonly XNamespace Entities = "http://ephyto.ippc.int/HUB.Entities";
    public const string ActionPrefix = "http://ephyto.ippc.int/IDeliveryService/";

    private readonly HttpClient _http;
    private readonly Uri _address;

    public SoapTestClient(HubProcess hub, string? participant)
        : this(hub.ServiceAddress, participant is null ? null : hub.ClientCertificate(participant), hub.CertificatePath("server", "crt.pem"))
    {
    }

    public SoapTestClient(Uri address, X509Certificate2? clientCertificate, string serverCertificatePem)
    {
        var server = X509Certificate2.CreateFromPem(File.ReadAllText(serverCertificatePem));
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(server.RawData);
        if (clientCertificate is not null)
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        _address = address;
    }

    public HttpClient Http => _http;

    /// <summary>Posts raw bytes with the given headers; the answer parsed as XML when it is XML.</summary>
    public async Task<SoapAnswer> PostRawAsync(byte[] body, string contentType, string? soapAction = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, _address) { Content = content };
        if (soapAction is not null) request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        XDocument? xml = null;
        try { xml = XDocument.Parse(text); } catch (System.Xml.XmlException) { }
        return new SoapAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, xml);
    }

    /// <summary>Calls an operation in SOAP 1.1 with the quoted standard SOAPAction, wrapping the body element given.</summary>
    public Task<SoapAnswer> CallAsync(XElement bodyElement, string? soapAction = null) =>
        PostRawAsync(Encoding.UTF8.GetBytes(Envelope11(bodyElement)), "text/xml; charset=utf-8",
            soapAction ?? $"\"{ActionPrefix}{bodyElement.Name.LocalName}\"");

    public static string Envelope11(XElement body) =>
        Serialize(new XElement(Soap11 + "Envelope", new XAttribute(XNamespace.Xmlns + "s", Soap11), new XElement(Soap11 + "Body", body)));

    public static string Envelope12(XElement body) =>
        Serialize(new XElement(Soap12 + "Envelope", new XAttribute(XNamespace.Xmlns + "s", Soap12), new XElement(Soap12 + "Body", body)));

    /// <summary>CR characters in text are written as character references, so they survive XML line-end normalisation.</summary>
    private static string Serialize(XElement envelope)
    {
        var text = new StringBuilder();
        using (var writer = System.Xml.XmlWriter.Create(text, new System.Xml.XmlWriterSettings
               { OmitXmlDeclaration = true, NewLineHandling = System.Xml.NewLineHandling.Entitize }))
            envelope.WriteTo(writer);
        return text.ToString();
    }

    // Request builders for the operations the tests use most.

    public static XElement DeliverEnvelope(string from, string to, string certificateNumber, string? content,
        int type = 851, int status = 70, string wrapper = "DeliverEnvelope", string child = "env") =>
        new(Tns + wrapper,
            new XElement(Tns + child,
                new XElement(Entities + "From", from),
                new XElement(Entities + "To", to),
                new XElement(Entities + "CertificateType", type),
                new XElement(Entities + "CertificateStatus", status),
                new XElement(Entities + "NPPOCertificateNumber", certificateNumber),
                content is null ? null : new XElement(Entities + "Content", content)));

    public static XElement WithNumber(string operation, string number, params XElement[] more) =>
        new(Tns + operation, new XElement(Tns + "hubTrackingNumber", number), more);

    public static XElement Empty(string operation) => new(Tns + operation);

    public void Dispose() => _http.Dispose();
}

/// <summary>An answer: status, media type, text and (when XML) the document, with helpers to read the hub's shapes.</summary>
public sealed record SoapAnswer(HttpStatusCode Status, string? MediaType, string Text, XDocument? Xml)
{
    public XElement? Fault => Xml?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Fault");
    public bool IsFault => Fault is not null;

    /// <summary>The HubWebException message of a fault (null when not a fault or no detail).</summary>
    public string? FaultMessage => Fault?.Descendants(SoapTestClient.Tns + "HubWebException").Elements(SoapTestClient.Tns + "message").FirstOrDefault()?.Value;

    /// <summary>The first element named <paramref name="localName"/> in the answer's body (any namespace).</summary>
    public XElement? Find(string localName) => Xml?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);

    public string? Value(string localName) => Find(localName)?.Value;

    public IReadOnlyList<XElement> All(string localName) => Xml?.Descendants().Where(e => e.Name.LocalName == localName).ToList() ?? [];

    public override string ToString() => $"{(int)Status} {MediaType}\n{Text}";
}
