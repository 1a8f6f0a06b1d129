using System.Text;
using System.Xml.Linq;
using Hub.Tests.Support;
using static Hub.Tests.Support.SoapTestClient;

namespace Hub.Tests.Endpoint;

/// <summary>What a sender gets back for each kind of delivery: queued, resent, refused (FailedDelivery), withdrawn.</summary>
public sealed class DeliveryOutcomeTests
{
    private HubProcess _hub = null!;
    private SoapTestClient _nl = null!, _ke = null!;

    [OneTimeSetUp]
    public async Task StartHub()
    {
        _hub = await HubProcess.StartAsync();
        _nl = new SoapTestClient(_hub, "NL");
        _ke = new SoapTestClient(_hub, "KE");
    }

    [OneTimeTearDown]
    public async Task StopHub()
    {
        _nl.Dispose();
        _ke.Dispose();
        await _hub.DisposeAsync();
    }

    private static string NewCertificateNumber() => "NL-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<IReadOnlyList<XElement>> KeHeadersAsync() =>
        (await _ke.CallAsync(Empty("GetImportEnvelopeHeaders"))).All("EnvelopeHeader");

    [Test]
    public async Task AnExactResend_ReturnsTheFirstDeliveryNumber_AndQueuesOneCopy()
    {
        var number = NewCertificateNumber();
        var first = await _nl.CallAsync(DeliverEnvelope("NL", "KE", number, "<c>same</c>"));
        var again = await _nl.CallAsync(DeliverEnvelope("NL", "KE", number, "<c>same</c>"));
        Assert.That(again.Value("hubDeliveryNumber"), Is.EqualTo(first.Value("hubDeliveryNumber")).And.Not.Empty);

        var changed = await _nl.CallAsync(DeliverEnvelope("NL", "KE", number, "<c>corrected</c>"));
        Assert.That(changed.Value("hubDeliveryNumber"), Is.Not.EqualTo(first.Value("hubDeliveryNumber")), "other Content is another delivery");

        var queued = (await KeHeadersAsync()).Count(h => h.Element(Entities + "NPPOCertificateNumber")?.Value == number);
        Assert.That(queued, Is.EqualTo(2));
    }

    [TestCase("NL", "ZZ", 851, 70, "not an active participant", TestName = "Unknown recipient")]
    [TestCase("KE", "KE", 851, 70, "certificate belongs to NL", TestName = "From is not the caller")]
    [TestCase("NL", "KE", 999, 70, "does not receive documents of CertificateType 999", TestName = "Document kind the recipient does not receive")]
    [TestCase("NL", "", 851, 70, "To is empty", TestName = "Empty To")]
    public async Task AHeaderProblem_IsAFailedDelivery_AndNothingIsQueued(string from, string to, int type, int status, string reason)
    {
        var number = NewCertificateNumber();
        var answer = await _nl.CallAsync(DeliverEnvelope(from, to, number, "<c/>", type, status));
        Assert.That(answer.IsFault, Is.False, answer.ToString());
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("FailedDelivery"));
        Assert.That(answer.Value("hubDeliveryErrorMessage"), Does.Contain(reason));
        Assert.That(answer.Value("hubDeliveryNumber"), Is.Null, "nothing was queued, so there is no number");
        Assert.That((await KeHeadersAsync()).Select(h => h.Element(Entities + "NPPOCertificateNumber")?.Value), Does.Not.Contain(number));
    }

    [Test]
    public async Task Status40_WithdrawsThePendingEnvelope_OfTheSameCertificate()
    {
        var number = NewCertificateNumber();
        var original = (await _nl.CallAsync(DeliverEnvelope("NL", "KE", number, "<c>original</c>"))).Value("hubDeliveryNumber")!;
        var withdrawal = await _nl.CallAsync(DeliverEnvelope("NL", "KE", number, "<c>withdrawn</c>", status: 40));
        Assert.That(withdrawal.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), withdrawal.ToString());

        var tracking = await _nl.CallAsync(WithNumber("GetEnvelopeTrackingInfo", original));
        Assert.That(tracking.Value("HUBTrackingInfo"), Is.EqualTo("FailedDelivery"));
        Assert.That(tracking.Value("hubDeliveryErrorMessage"), Does.Contain("Withdrawn"));
        var pending = (await KeHeadersAsync()).Where(h => h.Element(Entities + "NPPOCertificateNumber")?.Value == number).ToList();
        Assert.That(pending.Select(h => h.Element(Entities + "CertificateStatus")?.Value), Is.EqualTo(new[] { "40" }),
            "only the withdrawal notice stays queued");
    }

    [Test]
    public async Task ValidateAndDeliver_RefusesContentThatIsNotXml_AndAcceptsBase64Xml()
    {
        var bad = await _nl.CallAsync(DeliverEnvelope("NL", "KE", NewCertificateNumber(), "<open>", wrapper: "ValidateAndDeliverEnvelope", child: "envelope"));
        Assert.That(bad.Value("HUBTrackingInfo"), Is.EqualTo("FailedDelivery"), bad.ToString());
        Assert.That(bad.Value("hubDeliveryErrorMessage"), Does.Contain("not well-formed XML"));

        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("<rsm:SPSCertificate xmlns:rsm=\"urn:x\"/>"));
        var good = await _nl.CallAsync(DeliverEnvelope("NL", "KE", NewCertificateNumber(), base64, wrapper: "ValidateAndDeliverEnvelope", child: "envelope"));
        Assert.That(good.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), good.ToString());
        Assert.That(good.Find("ValidateAndDeliverEnvelopeResult"), Is.Not.Null);
    }

    [TestCase("SetTrackingInfoUpdate")]
    [TestCase("ValidatePhytoXML")]
    [TestCase("GetTreatmentTypes")]
    [TestCase("DeliverPhytoEnvelope")]
    public async Task AnOperationNotImplementedYet_AnswersAFaultSayingSo(string operation)
    {
        var answer = await _nl.CallAsync(Empty(operation));
        Assert.That(answer.FaultMessage, Is.EqualTo($"The operation {operation} is not available on this hub yet."), answer.ToString());
    }

    [TestCase("\"http://ephyto.ippc.int/IDeliveryService/GetProfile\"", TestName = "Quoted SOAPAction")]
    [TestCase("http://ephyto.ippc.int/IDeliveryService/GetProfile", TestName = "Unquoted SOAPAction")]
    [TestCase("\"\"", TestName = "Empty quoted SOAPAction")]
    [TestCase("", TestName = "Empty SOAPAction")]
    public async Task TheOperationIsFoundFromTheBody_WhateverFormTheSoapActionTakes(string soapAction)
    {
        var answer = await _nl.PostRawAsync(Encoding.UTF8.GetBytes(Envelope11(Empty("GetProfile"))), "text/xml; charset=utf-8", soapAction);
        Assert.That(answer.Find("GetProfileResult"), Is.Not.Null, answer.ToString());
    }

    [Test]
    public async Task AContradictingSoapAction_IsAFault()
    {
        var answer = await _nl.PostRawAsync(Encoding.UTF8.GetBytes(Envelope11(Empty("GetProfile"))), "text/xml",
            "\"http://ephyto.ippc.int/IDeliveryService/DeliverEnvelope\"");
        Assert.That(answer.FaultMessage, Does.Contain("contradicts the body"), answer.ToString());
    }

    [Test]
    public async Task Soap12Requests_AreAnsweredInSoap12_WithTheActionInTheContentType()
    {
        var body = Encoding.UTF8.GetBytes(Envelope12(Empty("GetProfile")));
        var answer = await _nl.PostRawAsync(body, "application/soap+xml; charset=utf-8; action=\"http://ephyto.ippc.int/IDeliveryService/GetProfile\"");
        Assert.That(answer.MediaType, Is.EqualTo("application/soap+xml"));
        Assert.That(answer.Xml!.Root!.Name, Is.EqualTo(Soap12 + "Envelope"));
        Assert.That(answer.Find("GetProfileResult"), Is.Not.Null, answer.ToString());

        var fault = await _nl.PostRawAsync(Encoding.UTF8.GetBytes(Envelope12(WithNumber("AcknowledgeEnvelopeReceipt", "none"))), "application/soap+xml");
        Assert.That(fault.Xml!.Root!.Name, Is.EqualTo(Soap12 + "Envelope"));
        Assert.That(fault.Fault!.Element(Soap12 + "Code")?.Element(Soap12 + "Value")?.Value, Does.EndWith(":Sender"), fault.ToString());
        Assert.That(fault.FaultMessage, Does.Contain("does not exist"));
    }
}
