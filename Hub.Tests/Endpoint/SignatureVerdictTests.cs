using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Hub.Service.Security;
using Hub.Tests.Support;
using static Hub.Tests.Support.SoapTestClient;

namespace Hub.Tests.Endpoint;

/// <summary>
/// Signatures end to end: the verdict recorded with each envelope and read through the hub's own VerificationService
/// by the sender and the recipient only; a `required` policy refusing bad or missing signatures at delivery; the
/// signing certificate published by GetActiveNppos.
/// </summary>
public sealed class SignatureVerdictTests
{
    private static readonly XNamespace V = "urn:ephyto-hub:verification:1";
    private HubProcess _hub = null!;

    [OneTimeSetUp]
    public async Task StartHub() => _hub = await HubProcess.StartAsync();

    [OneTimeTearDown]
    public async Task StopHub() => await _hub.DisposeAsync();

    private static string Document(string number) =>
        $"""<rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:data:standard:SPSCertificate:17" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"><rsm:SPSExchangedDocument><ram:ID>{number}</ram:ID><ram:TypeCode>851</ram:TypeCode><ram:StatusCode>70</ram:StatusCode></rsm:SPSExchangedDocument></rsm:SPSCertificate>""";

    private string Signed(string xml, string signer) => Signed(_hub, xml, signer);

    private static string Signed(HubProcess hub, string xml, string signer)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(hub.CertificatePath(signer + "-signing", "pfx"), HubProcess.PfxPassword);
        DocumentSigner.Sign(document, certificate);
        return document.OuterXml;
    }

    private static XElement VerificationRequest(string number) =>
        new(V + "GetVerificationResult", new XElement(V + "hubTrackingNumber", number));

    private SoapTestClient VerificationClient(string participant) =>
        new(new Uri(_hub.BaseAddress, "hub/VerificationService"), _hub.ClientCertificate(participant), _hub.CertificatePath("server", "crt.pem"));

    private async Task<string> DeliverAsync(string content, string number)
    {
        using var nl = new SoapTestClient(_hub, "NL");
        var answer = await nl.CallAsync(DeliverEnvelope("NL", "KE", number, content));
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), answer.ToString());
        return answer.Value("hubDeliveryNumber")!;
    }

    [Test]
    public async Task ASignedCertificate_IsRecordedValid_AndBothSenderAndRecipientCanReadTheVerdict()
    {
        var number = await DeliverAsync(Signed(Document("SIG-1"), "nl"), "SIG-1");
        using var signing = X509CertificateLoader.LoadCertificateFromFile(_hub.CertificatePath("nl-signing", "crt.pem"));

        foreach (var reader in new[] { "NL", "KE" })
        {
            using var client = VerificationClient(reader);
            var answer = await client.CallAsync(VerificationRequest(number), soapAction: "urn:ephyto-hub:verification:1:GetVerificationResult");
            Assert.That(answer.Value("verdict"), Is.EqualTo("Valid"), answer.ToString());
            Assert.That(answer.Value("signerThumbprint"), Is.EqualTo(EnvelopeSignatureVerifier.Thumbprint(signing)));
            Assert.That(answer.Value("signerSubject"), Does.Contain("NL sample NPPO document signing"));
        }

        using var us = VerificationClient("US");
        var refused = await us.CallAsync(VerificationRequest(number), soapAction: "");
        Assert.That(refused.IsFault, Is.True, "a third party does not learn anything about the envelope");
        Assert.That(refused.Fault!.ToString(), Does.Contain("does not exist or is neither from nor to US"));
    }

    [Test]
    public async Task UnderVerifyIfPresent_UnsignedAndTamperedDocumentsAreDelivered_WithTheirVerdictRecorded()
    {
        var unsigned = await DeliverAsync(Document("SIG-2"), "SIG-2");
        var tampered = await DeliverAsync(Signed(Document("SIG-3"), "nl").Replace("SIG-3", "SIG-X"), "SIG-3");

        using var nl = VerificationClient("NL");
        Assert.That((await nl.CallAsync(VerificationRequest(unsigned), soapAction: "")).Value("verdict"), Is.EqualTo("Unsigned"));
        var answer = await nl.CallAsync(VerificationRequest(tampered), soapAction: "");
        Assert.That(answer.Value("verdict"), Is.EqualTo("Invalid"), answer.ToString());
        Assert.That(answer.Value("check"), Is.EqualTo("digest"));
    }

    [Test]
    public async Task GetActiveNppos_PublishesEachParticipantsSigningCertificate()
    {
        using var ke = new SoapTestClient(_hub, "KE");
        var answer = await ke.CallAsync(Empty("GetActiveNppos"));
        var nl = answer.All("Nppo").Single(n => n.Element(Entities + "Country")?.Value == "NL");
        var signature = nl.Element(Entities + "Signature");
        using var signing = X509CertificateLoader.LoadCertificateFromFile(_hub.CertificatePath("nl-signing", "crt.pem"));
        Assert.That(signature?.Element("certificate")?.Value, Is.EqualTo(Convert.ToBase64String(signing.RawData)), answer.ToString());
        Assert.That(signature?.Element("dn")?.Value, Is.EqualTo(signing.Subject));
    }

    [Test]
    public async Task UnderARequiredPolicy_MissingOrForeignSignaturesAreFailedDeliveries_AndValidOnesGoThrough()
    {
        await using var hub = await HubProcess.StartAsync();
        var file = Path.Combine(hub.DataDirectory, "participants.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        json["participants"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "KE")!["signaturePolicies"] =
            new JsonArray(new JsonObject { ["certificateType"] = 851, ["policy"] = "required" });
        File.WriteAllText(file, json.ToJsonString());
        hub.Kill();
        await hub.RestartAsync();

        {
            using var nl = new SoapTestClient(hub, "NL");
            var unsigned = await nl.CallAsync(DeliverEnvelope("NL", "KE", "REQ-1", Document("REQ-1")));
            Assert.That(unsigned.Value("HUBTrackingInfo"), Is.EqualTo("FailedDelivery"), unsigned.ToString());
            Assert.That(unsigned.Value("hubDeliveryErrorMessage"), Does.Contain("A valid signature is required").And.Contain("no ds:Signature"));

            var foreign = await nl.CallAsync(DeliverEnvelope("NL", "KE", "REQ-2", Signed(hub, Document("REQ-2"), "us")));
            Assert.That(foreign.Value("HUBTrackingInfo"), Is.EqualTo("FailedDelivery"));
            Assert.That(foreign.Value("hubDeliveryErrorMessage"), Does.Contain("not registered as a signing certificate of the sender"));

            var valid = await nl.CallAsync(DeliverEnvelope("NL", "KE", "REQ-3", Signed(hub, Document("REQ-3"), "nl")));
            Assert.That(valid.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), valid.ToString());

            var reexport = await nl.CallAsync(DeliverEnvelope("NL", "KE", "REQ-4", Document("REQ-4"), type: 657));
            Assert.That(reexport.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), "the policy is for 851 only");
        }
    }

    [Test]
    public async Task TheVerificationServiceWsdl_IsServed_WithTheCallersAddress()
    {
        using var client = new SoapTestClient(_hub, "NL");
        var wsdl = XDocument.Parse(await client.Http.GetStringAsync(new Uri(_hub.BaseAddress, "hub/VerificationService?wsdl")));
        var address = wsdl.Descendants(XName.Get("address", "http://schemas.xmlsoap.org/wsdl/soap/")).Single().Attribute("location")!.Value;
        Assert.That(address, Is.EqualTo(new Uri(_hub.BaseAddress, "hub/VerificationService").ToString()));
    }
}
