using System.Net;
using System.Xml.Linq;
using Hub.Tests.Support;

namespace Hub.Tests.Endpoint;

public sealed partial class HostileInputTests
{
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
}
