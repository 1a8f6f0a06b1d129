using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Hub.Tests.Support;

namespace Hub.Tests.Endpoint;

/// <summary>
/// Hostile and broken requests over real HTTPS (mutual TLS as NL) against the hub process started with small limits.
/// Each is answered by a SOAP fault (HTTP 500, a Fault, a HubWebException message saying what is wrong); nothing is
/// stored (NL's GetUnderDeliveryEnvelope and KE's GetImportEnvelopeHeaders list only the control delivery made at
/// setup); and the hub still answers (GetProfile says NL, the process is alive, nothing "failed unexpectedly").
/// The fixed payloads are files in TestData/hostile, described by its manifest.json; the limit cases (size, depth,
/// element count, attribute size) are built here, exactly at N (answered normally) and at N+1 (refused).
/// </summary>
[TestFixture]
public sealed partial class HostileInputTests
{
    private const int MaxRequestBytes = 16_384;
    private const int MaxDepth = 16;
    private const int MaxElements = 200;
    private const int MaxAttributeChars = 1_000;

    private const string Soap11ContentType = "text/xml; charset=utf-8";
    private const string HostilePrefix = "HOSTILE-";
    private static readonly XNamespace Other = "urn:test:hostile";

    private static readonly string s_folder = Path.Combine(AppContext.BaseDirectory, "TestData", "hostile");
    private static readonly Lazy<Manifest> s_manifest = new(() =>
        JsonSerializer.Deserialize<Manifest>(File.ReadAllText(Path.Combine(s_folder, "manifest.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
        ?? throw new InvalidOperationException("TestData/hostile/manifest.json is empty"));

    private HubProcess _hub = null!;
    private SoapTestClient _nl = null!;
    private SoapTestClient _ke = null!;

    [OneTimeSetUp]
    public async Task StartHub()
    {
        _hub = await HubProcess.StartAsync(extraArgs:
        [
            $"--Hub:Soap:MaxRequestBytes={MaxRequestBytes}",
            $"--Hub:Soap:MaxDepth={MaxDepth}",
            $"--Hub:Soap:MaxElements={MaxElements}",
            $"--Hub:Soap:MaxAttributeChars={MaxAttributeChars}",
        ]);
        _nl = new SoapTestClient(_hub, "NL");
        _ke = new SoapTestClient(_hub, "KE");

        // The control: the same kind of delivery as the hostile payloads, valid, must be stored and listed on both
        // sides; otherwise "nothing stored" below would prove nothing.
        var control = s_manifest.Value.Control;
        var answer = await _nl.PostRawAsync(File.ReadAllBytes(Path.Combine(s_folder, control.File)), Soap11ContentType,
            $"\"{SoapTestClient.ActionPrefix}DeliverEnvelope\"");
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString);
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), answer.ToString);
        Assert.That(answer.Value("NPPOCertificateNumber"), Is.EqualTo(control.Number), answer.ToString);
        Assert.That(await SenderPendingNumbersAsync(), Is.EquivalentTo(new[] { control.Number }));
        Assert.That(await RecipientPendingNumbersAsync(), Is.EquivalentTo(new[] { control.Number }));
    }

    [OneTimeTearDown]
    public async Task StopHub()
    {
        _nl?.Dispose();
        _ke?.Dispose();
        if (_hub is not null) await _hub.DisposeAsync();
    }

    // ---- helpers ----

    private static void AssertFault(SoapAnswer answer, string? requestContentType, string code, IEnumerable<string> texts)
    {
        // A version mismatch is answered in SOAP 1.1, which both kinds of node read (SOAP 1.2 appendix A).
        var soap12 = code != "VersionMismatch"
            && requestContentType?.StartsWith("application/soap+xml", StringComparison.OrdinalIgnoreCase) == true;
        var ns = soap12 ? SoapTestClient.Soap12 : SoapTestClient.Soap11;
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.InternalServerError), answer.ToString);
        Assert.That(answer.MediaType, Is.EqualTo(soap12 ? "application/soap+xml" : "text/xml"), answer.ToString);
        Assert.That(answer.IsFault, Is.True, answer.ToString);
        Assert.That(answer.Fault!.Name.Namespace, Is.EqualTo(ns), "the fault is in the SOAP version of the request");

        var faultCode = soap12
            ? answer.Fault.Element(ns + "Code")?.Element(ns + "Value")?.Value
            : answer.Fault.Element("faultcode")?.Value;
        Assert.That(faultCode, Does.EndWith(":" + code), answer.ToString);

        var message = answer.FaultMessage;
        Assert.That(message, Is.Not.Null.And.Not.Empty, $"no HubWebException message: {answer}");
        foreach (var text in texts)
            Assert.That(message, Does.Contain(text), answer.ToString);
    }

    private async Task AssertNothingStoredAndStillAnsweringAsync()
    {
        var control = s_manifest.Value.Control.Number;
        var sent = await SenderPendingNumbersAsync();
        var received = await RecipientPendingNumbersAsync();
        Assert.That(sent, Has.None.StartsWith(HostilePrefix), "NL's GetUnderDeliveryEnvelope lists a hostile delivery");
        Assert.That(received, Has.None.StartsWith(HostilePrefix), "KE's GetImportEnvelopeHeaders lists a hostile delivery");
        Assert.That(sent, Is.EquivalentTo(new[] { control }), "NL's pending deliveries: the control only");
        Assert.That(received, Is.EquivalentTo(new[] { control }), "KE's pending imports: the control only");

        var profile = await _nl.CallAsync(SoapTestClient.Empty("GetProfile"));
        Assert.That(profile.Status, Is.EqualTo(HttpStatusCode.OK), profile.ToString);
        Assert.That(profile.Value("Country"), Is.EqualTo("NL"), profile.ToString);

        Assert.That(_hub.ProcessId, Is.Not.Null);
        using var process = Process.GetProcessById(_hub.ProcessId!.Value);
        Assert.That(process.HasExited, Is.False, _hub.Output);
        Assert.That(_hub.Output, Does.Not.Contain("failed unexpectedly"), "the hub logged an unexpected failure");
    }

    private async Task<List<string>> SenderPendingNumbersAsync()
    {
        var answer = await _nl.CallAsync(SoapTestClient.Empty("GetUnderDeliveryEnvelope"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString);
        return answer.All("NPPOCertificateNumber").Select(e => e.Value).ToList();
    }

    private async Task<List<string>> RecipientPendingNumbersAsync()
    {
        var answer = await _ke.CallAsync(SoapTestClient.Empty("GetImportEnvelopeHeaders"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString);
        return answer.All("NPPOCertificateNumber").Select(e => e.Value).ToList();
    }

    /// <summary>
    /// Posts exactly <paramref name="body"/>: with the Content-Type given (none when null), the SOAPAction given (none
    /// when null), with a Content-Length or, when <paramref name="chunked"/>, without one (chunked transfer).
    /// </summary>
    private async Task<SoapAnswer> PostAsync(SoapTestClient client, byte[] body, string? contentType, string? soapAction, bool chunked = false)
    {
        using HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        else content.Headers.ContentType = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, _hub.ServiceAddress) { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;
        if (soapAction is not null) request.Headers.TryAddWithoutValidation("SOAPAction", soapAction);
        using var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        XDocument? xml = null;
        try { xml = XDocument.Parse(text); } catch (System.Xml.XmlException) { }
        return new SoapAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, xml);
    }

    private static string Action(string operation) => $"\"{SoapTestClient.ActionPrefix}{operation}\"";

    private static XElement Deliver(string number) =>
        SoapTestClient.DeliverEnvelope("NL", "KE", number, "<SPSCertificate>hostile input test</SPSCertificate>");

    private static XElement EnvelopeWith(XElement body, params XElement[] headerBlocks) =>
        new(SoapTestClient.Soap11 + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", SoapTestClient.Soap11),
            new XAttribute(XNamespace.Xmlns + "x", Other),
            new XElement(SoapTestClient.Soap11 + "Header", headerBlocks),
            new XElement(SoapTestClient.Soap11 + "Body", body));

    private static XElement Nested(int levels)
    {
        var outer = new XElement(Other + "n");
        var inner = outer;
        for (var i = 1; i < levels; i++)
        {
            var child = new XElement(Other + "n");
            inner.Add(child);
            inner = child;
        }
        return outer;
    }

    private static IEnumerable<XElement> Blocks(int count) => Enumerable.Range(0, count).Select(_ => new XElement(Other + "i"));

    private static int Depth(XElement root) => root.DescendantsAndSelf().Max(e => e.Ancestors().Count() + 1);

    private static int Count(XElement root) => root.DescendantsAndSelf().Count();

    private static byte[] Bytes(XElement envelope) => Encoding.UTF8.GetBytes(envelope.ToString(SaveOptions.DisableFormatting));

    /// <summary>
    /// The envelope padded to exactly <paramref name="size"/> bytes: a comment before the Envelope's end tag, or
    /// whitespace in the Body before the operation's element.
    /// </summary>
    private static byte[] Padded(string envelope, int size, bool comment)
    {
        var end = comment
            ? envelope.LastIndexOf("</", StringComparison.Ordinal)
            : envelope.IndexOf(":Body>", StringComparison.Ordinal) + ":Body>".Length;
        var overhead = Encoding.UTF8.GetByteCount(envelope) + (comment ? "<!---->".Length : 0);
        Assert.That(size, Is.GreaterThanOrEqualTo(overhead), "the envelope alone is larger than the size asked for");
        var filler = comment ? "<!--" + new string('p', size - overhead) + "-->" : new string(' ', size - overhead);
        var bytes = Encoding.UTF8.GetBytes(envelope.Insert(end, filler));
        Assert.That(bytes, Has.Length.EqualTo(size));
        return bytes;
    }

    /// <summary>A stream that does not tell its length, so that HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }

    public sealed record Manifest(ControlDelivery Control, IReadOnlyList<HostileCase> Cases);

    public sealed record ControlDelivery(string File, string Number);

    /// <summary>One case of TestData/hostile/manifest.json.</summary>
    public sealed record HostileCase(
        string Name, string File, string? ContentType, string? SoapAction, string Code, string[] Fault, string[]? MustNotContain)
    {
        public override string ToString() => Name;
    }
}
