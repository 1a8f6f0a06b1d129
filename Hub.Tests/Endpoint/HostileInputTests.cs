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
public sealed class HostileInputTests
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

    // ---- the fixed payloads of TestData/hostile ----

    public static IEnumerable<TestCaseData> HostileCases() =>
        s_manifest.Value.Cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(HostileCases))]
    public async Task A_hostile_request_is_a_fault_and_stores_nothing(HostileCase hostile)
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(s_folder, hostile.File));
        var started = Stopwatch.StartNew();
        var answer = await PostAsync(_nl, body, hostile.ContentType, hostile.SoapAction);
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "a hostile request must not take long");

        AssertFault(answer, hostile.ContentType, hostile.Code, hostile.Fault);
        foreach (var secret in hostile.MustNotContain ?? [])
            Assert.That(answer.Text, Does.Not.Contain(secret), "the answer leaks what the payload tried to read or expand");
        await AssertNothingStoredAndStillAnsweringAsync();
    }

    [Test]
    public void The_manifest_and_the_folder_agree()
    {
        var manifest = s_manifest.Value;
        var listed = manifest.Cases.Select(c => c.File).Append(manifest.Control.File).Append("manifest.json").ToHashSet();
        var present = Directory.EnumerateFiles(s_folder).Select(Path.GetFileName).ToHashSet();
        Assert.That(present, Is.EquivalentTo(listed), "every payload file is a case of the manifest, and every case has its file");
        Assert.That(manifest.Cases.Select(c => c.Name), Is.Unique);
        Assert.That(manifest.Cases, Has.All.Matches<HostileCase>(c => c.Fault.Length > 0), "every case says what the fault must say");

        // Distinct certificate numbers: each DeliverEnvelope payload is identifiable should it ever be stored.
        var numbers = manifest.Cases
            .Select(c => File.ReadAllBytes(Path.Combine(s_folder, c.File)))
            .SelectMany(b => System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(b), "HOSTILE-[A-Z0-9-]+").Select(m => m.Value).Distinct())
            .ToList();
        Assert.That(numbers, Is.Unique);
        Assert.That(manifest.Control.Number, Does.Not.StartWith(HostilePrefix));
    }

    // ---- MaxRequestBytes ----

    [Test]
    public async Task A_request_of_exactly_MaxRequestBytes_is_answered([Values] bool chunked)
    {
        var bytes = Padded(SoapTestClient.Envelope11(SoapTestClient.Empty("GetProfile")), MaxRequestBytes, comment: !chunked);
        Assert.That(bytes, Has.Length.EqualTo(MaxRequestBytes));

        var answer = await PostAsync(_nl, bytes, Soap11ContentType, Action("GetProfile"), chunked);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString);
        Assert.That(answer.Value("Country"), Is.EqualTo("NL"), answer.ToString);
    }

    [Test]
    public async Task A_request_of_MaxRequestBytes_plus_one_is_refused([Values] bool chunked)
    {
        var profile = Padded(SoapTestClient.Envelope11(SoapTestClient.Empty("GetProfile")), MaxRequestBytes + 1, comment: !chunked);
        var answer = await PostAsync(_nl, profile, Soap11ContentType, Action("GetProfile"), chunked);
        AssertFault(answer, Soap11ContentType, "Client", [$"larger than {MaxRequestBytes} bytes", "MaxRequestBytes"]);

        var number = chunked ? "HOSTILE-SIZE-PLUS-ONE-CHUNKED" : "HOSTILE-SIZE-PLUS-ONE";
        var delivery = Padded(SoapTestClient.Envelope11(Deliver(number)), MaxRequestBytes + 1, comment: !chunked);
        answer = await PostAsync(_nl, delivery, Soap11ContentType, Action("DeliverEnvelope"), chunked);
        AssertFault(answer, Soap11ContentType, "Client", [$"larger than {MaxRequestBytes} bytes", "MaxRequestBytes"]);
        await AssertNothingStoredAndStillAnsweringAsync();
    }

    [Test]
    public async Task A_request_far_over_MaxRequestBytes_is_refused([Values] bool chunked)
    {
        // Above Kestrel's own bound too (MaxRequestBytes + 64 KiB): still the SOAP fault, and the hub stays up.
        var number = chunked ? "HOSTILE-SIZE-HUGE-CHUNKED" : "HOSTILE-SIZE-HUGE";
        var delivery = Padded(SoapTestClient.Envelope11(Deliver(number)), 1024 * 1024, comment: false);
        SoapAnswer? answer = null;
        try
        {
            answer = await PostAsync(_nl, delivery, Soap11ContentType, Action("DeliverEnvelope"), chunked);
        }
        catch (HttpRequestException e)
        {
            // Acceptable: the hub may close the connection while the client is still uploading what it refused.
            TestContext.Out.WriteLine($"the hub closed the connection during the upload: {e.Message}");
        }
        if (answer is not null)
            AssertFault(answer, Soap11ContentType, "Client", [$"larger than {MaxRequestBytes} bytes", "MaxRequestBytes"]);
        await AssertNothingStoredAndStillAnsweringAsync();
    }

    // ---- MaxDepth (the Envelope is level 1) ----

    [Test]
    public async Task Nesting_of_exactly_MaxDepth_levels_is_answered()
    {
        // Envelope (1) / Header (2) / an unknown header block nested MaxDepth - 2 deep (3 .. MaxDepth).
        var envelope = EnvelopeWith(SoapTestClient.Empty("GetProfile"), Nested(MaxDepth - 2));
        Assert.That(Depth(envelope), Is.EqualTo(MaxDepth));
        var answer = await PostAsync(_nl, Bytes(envelope), Soap11ContentType, Action("GetProfile"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString);
        Assert.That(answer.Value("Country"), Is.EqualTo("NL"), answer.ToString);
    }

    [Test]
    public async Task Nesting_of_MaxDepth_plus_one_levels_is_refused()
    {
        var inHeader = EnvelopeWith(Deliver("HOSTILE-DEPTH-HEADER"), Nested(MaxDepth - 1));
        Assert.That(Depth(inHeader), Is.EqualTo(MaxDepth + 1));
        var answer = await PostAsync(_nl, Bytes(inHeader), Soap11ContentType, Action("DeliverEnvelope"));
        AssertFault(answer, Soap11ContentType, "Client", [$"deeper than {MaxDepth} levels", "MaxDepth"]);

        // Envelope (1) / Body (2) / DeliverEnvelope (3) / env (4) / unknown nesting (5 .. MaxDepth + 1).
        var body = Deliver("HOSTILE-DEPTH-BODY");
        body.Element(SoapTestClient.Tns + "env")!.Add(Nested(MaxDepth - 3));
        var inBody = EnvelopeWith(body);
        Assert.That(Depth(inBody), Is.EqualTo(MaxDepth + 1));
        answer = await PostAsync(_nl, Bytes(inBody), Soap11ContentType, Action("DeliverEnvelope"));
        AssertFault(answer, Soap11ContentType, "Client", [$"deeper than {MaxDepth} levels", "MaxDepth"]);
        await AssertNothingStoredAndStillAnsweringAsync();
    }

    // ---- MaxElements (every element counts, the Envelope too) ----

    [Test]
    public async Task Exactly_MaxElements_elements_are_answered()
    {
        var envelope = EnvelopeWith(SoapTestClient.Empty("GetProfile"));
        envelope.Element(SoapTestClient.Soap11 + "Header")!.Add(Blocks(MaxElements - Count(envelope)));
        Assert.That(Count(envelope), Is.EqualTo(MaxElements));
        var answer = await PostAsync(_nl, Bytes(envelope), Soap11ContentType, Action("GetProfile"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString);
        Assert.That(answer.Value("Country"), Is.EqualTo("NL"), answer.ToString);
    }

    [Test]
    public async Task MaxElements_plus_one_elements_are_refused()
    {
        var envelope = EnvelopeWith(Deliver("HOSTILE-ELEMENTS"));
        envelope.Element(SoapTestClient.Soap11 + "Header")!.Add(Blocks(MaxElements + 1 - Count(envelope)));
        Assert.That(Count(envelope), Is.EqualTo(MaxElements + 1));
        var answer = await PostAsync(_nl, Bytes(envelope), Soap11ContentType, Action("DeliverEnvelope"));
        AssertFault(answer, Soap11ContentType, "Client", [$"more than {MaxElements} elements", "MaxElements"]);
        await AssertNothingStoredAndStillAnsweringAsync();
    }

    // ---- MaxAttributeChars ----

    [Test]
    public async Task An_attribute_of_exactly_MaxAttributeChars_is_answered()
    {
        var envelope = EnvelopeWith(SoapTestClient.Empty("GetProfile"),
            new XElement(Other + "token", new XAttribute("value", new string('a', MaxAttributeChars))));
        var answer = await PostAsync(_nl, Bytes(envelope), Soap11ContentType, Action("GetProfile"));
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString);
        Assert.That(answer.Value("Country"), Is.EqualTo("NL"), answer.ToString);
    }

    [Test]
    public async Task An_attribute_of_MaxAttributeChars_plus_one_is_refused()
    {
        var inHeader = EnvelopeWith(Deliver("HOSTILE-ATTRIBUTE-HEADER"),
            new XElement(Other + "token", new XAttribute("value", new string('a', MaxAttributeChars + 1))));
        var answer = await PostAsync(_nl, Bytes(inHeader), Soap11ContentType, Action("DeliverEnvelope"));
        AssertFault(answer, Soap11ContentType, "Client", [$"attribute is longer than {MaxAttributeChars} characters", "MaxAttributeChars"]);

        var onEnvelope = EnvelopeWith(Deliver("HOSTILE-ATTRIBUTE-ENVELOPE"));
        onEnvelope.Add(new XAttribute(XNamespace.Xmlns + "long", "urn:" + new string('n', MaxAttributeChars - 3)));
        answer = await PostAsync(_nl, Bytes(onEnvelope), Soap11ContentType, Action("DeliverEnvelope"));
        AssertFault(answer, Soap11ContentType, "Client", [$"attribute is longer than {MaxAttributeChars} characters", "MaxAttributeChars"]);
        await AssertNothingStoredAndStillAnsweringAsync();
    }

    // ---- all at once ----

    [Test]
    public async Task All_hostile_payloads_at_once_leave_the_hub_answering_and_storing_nothing()
    {
        var cases = s_manifest.Value.Cases;
        var payloads = cases.ToDictionary(c => c, c => File.ReadAllBytes(Path.Combine(s_folder, c.File)));
        var calls = Enumerable.Range(0, 3).SelectMany(_ => cases)
            .Select(async c => (Case: c, Answer: await PostAsync(_nl, payloads[c], c.ContentType, c.SoapAction)));
        var answers = await Task.WhenAll(calls);
        Assert.Multiple(() =>
        {
            foreach (var (c, answer) in answers)
            {
                Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.InternalServerError), $"{c.Name}: {answer}");
                Assert.That(answer.FaultMessage ?? "(no HubWebException message)", Does.Contain(c.Fault[0]), $"{c.Name}: {answer}");
            }
        });
        await AssertNothingStoredAndStillAnsweringAsync();
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
