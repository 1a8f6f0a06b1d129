using Hub.Tests.Support;
using static Hub.Tests.Support.SoapTestClient;

namespace Hub.Tests.Endpoint;

/// <summary>
/// The whole exchange over real HTTPS with client certificates: NL delivers to KE, KE lists, pulls and acknowledges,
/// NL tracks; with each kind of acknowledgement, and each authorisation refusal.
/// </summary>
public sealed class ExchangeTests
{
    private HubProcess _hub = null!;
    private SoapTestClient _nl = null!, _ke = null!, _us = null!;

    [OneTimeSetUp]
    public async Task StartHub()
    {
        _hub = await HubProcess.StartAsync();
        _nl = new SoapTestClient(_hub, "NL");
        _ke = new SoapTestClient(_hub, "KE");
        _us = new SoapTestClient(_hub, "US");
    }

    [OneTimeTearDown]
    public async Task StopHub()
    {
        _nl.Dispose();
        _ke.Dispose();
        _us.Dispose();
        await _hub.DisposeAsync();
    }

    private static string NewCertificateNumber() => "NL-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> DeliverFromNlToKeAsync(string content = "<SPSCertificate>Müller – 植物 &amp; co</SPSCertificate>")
    {
        var answer = await _nl.CallAsync(DeliverEnvelope("NL", "KE", NewCertificateNumber(), content));
        Assert.That(answer.IsFault, Is.False, answer.ToString());
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), answer.ToString());
        var number = answer.Value("hubDeliveryNumber");
        Assert.That(number, Is.Not.Null.And.Not.Empty, answer.ToString());
        return number!;
    }

    private async Task<string?> TrackAsync(SoapTestClient client, string number) =>
        (await client.CallAsync(WithNumber("GetEnvelopeTrackingInfo", number))).Value("HUBTrackingInfo");

    [Test]
    public async Task NlDeliversToKe_KeListsPullsAndAcknowledges_NlSeesDelivered()
    {
        const string content = "<rsm:SPSCertificate xmlns:rsm=\"urn:x\">Müller – 植物 <![CDATA[x]]> \r\n end</rsm:SPSCertificate>";
        var number = await DeliverFromNlToKeAsync(content);

        Assert.That(await TrackAsync(_nl, number), Is.EqualTo("PendingDelivery"));
        var underDelivery = await _nl.CallAsync(Empty("GetUnderDeliveryEnvelope"));
        Assert.That(underDelivery.All("hubDeliveryNumber").Select(e => e.Value), Does.Contain(number));

        var headers = await _ke.CallAsync(new(Tns + "GetImportEnvelopeHeaders", new System.Xml.Linq.XElement(Tns + "countryCode", "")));
        Assert.That(headers.All("hubDeliveryNumber").Select(e => e.Value), Does.Contain(number), headers.ToString());

        var pulled = await _ke.CallAsync(WithNumber("PULLSingleImportEnvelope", number));
        Assert.That(pulled.Value("Content"), Is.EqualTo(content), "Content comes back character for character, CR LF included");
        Assert.That(pulled.Value("From"), Is.EqualTo("NL"));

        var all = await _ke.CallAsync(Empty("PULLImportEnvelope"));
        Assert.That(all.Find("PULLImportEnvelopesResult"), Is.Not.Null, "the plural result element of the contract");
        Assert.That(all.All("hubDeliveryNumber").Select(e => e.Value), Does.Contain(number), "a pulled envelope stays listed until acknowledged");

        var ack = await _ke.CallAsync(WithNumber("AcknowledgeEnvelopeReceipt", number));
        Assert.That(ack.IsFault, Is.False, ack.ToString());
        Assert.That(await TrackAsync(_nl, number), Is.EqualTo("Delivered"));

        var headersAfter = await _ke.CallAsync(Empty("GetImportEnvelopeHeaders"));
        Assert.That(headersAfter.All("hubDeliveryNumber").Select(e => e.Value), Does.Not.Contain(number));
        var second = await _ke.CallAsync(WithNumber("AcknowledgeEnvelopeReceipt", number));
        Assert.That(second.FaultMessage, Does.Contain("no longer pending"), "an acknowledgement is final");
        var pullAfter = await _ke.CallAsync(WithNumber("PULLSingleImportEnvelope", number));
        Assert.That(pullAfter.IsFault, Is.True, "an acknowledged envelope is not handed out again");
    }

    [Test]
    public async Task AdvancedAcknowledgement_KeepsTheWarning_ForTheSender()
    {
        var number = await DeliverFromNlToKeAsync();
        var ack = await _ke.CallAsync(WithNumber("AdvancedAcknowledgeEnvelopeReceipt", number,
            new System.Xml.Linq.XElement(Tns + "warningMessage", "weight missing")),
            soapAction: "\"http://ephyto.ippc.int/IDeliveryService/NegativeAcknowledgeEnvelopeReceipt\"");
        Assert.That(ack.IsFault, Is.False, ack.ToString());

        var tracking = await _nl.CallAsync(WithNumber("GetEnvelopeTrackingInfo", number));
        Assert.That(tracking.Value("HUBTrackingInfo"), Is.EqualTo("DeliveredWithWarnings"));
        Assert.That(tracking.Value("hubDeliveryErrorMessage"), Is.EqualTo("weight missing"));
    }

    [Test]
    public async Task FailedAcknowledgement_MarksNotReadable_WithTheMessage()
    {
        var number = await DeliverFromNlToKeAsync();
        var ack = await _ke.CallAsync(WithNumber("AcknowledgeFailedEnvelopeReceipt", number,
            new System.Xml.Linq.XElement(Tns + "message", "not readable")));
        Assert.That(ack.IsFault, Is.False, ack.ToString());

        var tracking = await _nl.CallAsync(WithNumber("GetEnvelopeTrackingInfo", number));
        Assert.That(tracking.Value("HUBTrackingInfo"), Is.EqualTo("DeliveredNotReadable"));
        Assert.That(tracking.Value("hubDeliveryErrorMessage"), Is.EqualTo("not readable"));
    }

    [Test]
    public async Task RecipientTrackingTheSendersEnvelope_GetsEnvelopeNotExists_NotAFault()
    {
        var number = await DeliverFromNlToKeAsync();
        var tracking = await _ke.CallAsync(WithNumber("GetEnvelopeTrackingInfo", number));
        Assert.That(tracking.IsFault, Is.False, tracking.ToString());
        Assert.That(tracking.Value("HUBTrackingInfo"), Is.EqualTo("EnvelopeNotExists"));
        Assert.That(tracking.Value("To"), Is.Empty, "no hint of the envelope's content");

        var unknown = await _nl.CallAsync(WithNumber("GetEnvelopeTrackingInfo", "0123456789abcdef0123456789abcdef"));
        Assert.That(unknown.Value("HUBTrackingInfo"), Is.EqualTo("EnvelopeNotExists"));
    }

    [Test]
    public async Task AThirdParty_CannotPullOrAcknowledge_AnotherRecipientsEnvelope()
    {
        var number = await DeliverFromNlToKeAsync();
        var pull = await _us.CallAsync(WithNumber("PULLSingleImportEnvelope", number));
        Assert.That(pull.FaultMessage, Does.Contain("does not exist or is not addressed to US"), pull.ToString());
        var ack = await _us.CallAsync(WithNumber("AcknowledgeEnvelopeReceipt", number));
        Assert.That(ack.IsFault, Is.True);
        var list = await _us.CallAsync(Empty("PULLImportEnvelope"));
        Assert.That(list.All("hubDeliveryNumber").Select(e => e.Value), Does.Not.Contain(number));
        Assert.That(await TrackAsync(_nl, number), Is.EqualTo("PendingDelivery"), "the refused calls changed nothing");
    }

    [Test]
    public async Task AnUnregisteredClientCertificate_IsRefusedWithTheIppcFault()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=stranger", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var stranger = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var pfxBacked = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            stranger.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12), null);
        using var client = new SoapTestClient(_hub.ServiceAddress, pfxBacked, _hub.CertificatePath("server", "crt.pem"));

        var answer = await client.CallAsync(Empty("GetProfile"));
        Assert.That(answer.FaultMessage, Is.EqualTo("NPPO from client certificate not found"), answer.ToString());
        var deliver = await client.CallAsync(DeliverEnvelope("NL", "KE", NewCertificateNumber(), "<x/>"));
        Assert.That(deliver.FaultMessage, Is.EqualTo("NPPO from client certificate not found"));
    }

    [Test]
    public void AClientWithoutCertificate_CannotCompleteTheCall()
    {
        using var client = new SoapTestClient(_hub.ServiceAddress, null, _hub.CertificatePath("server", "crt.pem"));
        Assert.That(async () => await client.CallAsync(Empty("GetProfile")), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task Directory_ListsTheParticipants_AndTheCallersProfile()
    {
        var nppos = await _ke.CallAsync(Empty("GetActiveNppos"));
        Assert.That(nppos.All("Country").Select(e => e.Value), Is.SupersetOf(new[] { "NL", "KE", "US" }), nppos.ToString());
        var allowed = nppos.All("AllowedDocument").First();
        Assert.That(allowed.Name.Namespace, Is.EqualTo(Entities));
        Assert.That(allowed.Element("certificateType")?.Attribute("number")?.Value, Is.Not.Null, "unqualified children with a number attribute");

        var profile = await _nl.CallAsync(Empty("GetProfile"));
        Assert.That(profile.Find("GetProfileResult")?.Element(Entities + "Country")?.Value, Is.EqualTo("NL"), profile.ToString());

        var channels = await _nl.CallAsync(Empty("GetAvailableChannels"));
        Assert.That(channels.All("Channel").Select(c => c.Element(Entities + "Code")?.Value), Does.Contain("KE"), channels.ToString());
    }
}
