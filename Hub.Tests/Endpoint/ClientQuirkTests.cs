using System.Text;
using Hub.Tests.Support;

namespace Hub.Tests.Endpoint;

/// <summary>
/// Requests exactly as real clients sent them where the hub once stumbled, kept as regression tests (issue 4: fix the
/// hub, not the client).
/// </summary>
public sealed class ClientQuirkTests
{
    private HubProcess _hub = null!;
    private SoapTestClient _ke = null!;

    [OneTimeSetUp]
    public async Task StartHub()
    {
        _hub = await HubProcess.StartAsync();
        _ke = new SoapTestClient(_hub, "KE");
    }

    [OneTimeTearDown]
    public async Task StopHub()
    {
        _ke.Dispose();
        await _hub.DisposeAsync();
    }

    /// <summary>Perl SOAP::Lite 1.27: a call without parameters is a nil wrapper, with encodingStyle on the Envelope.</summary>
    [Test]
    public async Task SoapLite_NilWrapperOfAParameterlessCall_IsAnsweredLikeAnEmptyOne()
    {
        const string request = """<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><soap:Body><GetActiveNppos xmlns="http://ephyto.ippc.int/" xsi:nil="true" /></soap:Body></soap:Envelope>""";
        var answer = await _ke.PostRawAsync(Encoding.UTF8.GetBytes(request), "text/xml; charset=utf-8",
            "\"http://ephyto.ippc.int/IDeliveryService/GetActiveNppos\"");
        Assert.That(answer.IsFault, Is.False, answer.ToString());
        Assert.That(answer.All("Country").Select(c => c.Value), Does.Contain("KE"));
    }

    /// <summary>A nil wrapper of a call WITH parameters still says what is missing.</summary>
    [Test]
    public async Task NilWrapperOfACallWithParameters_NamesTheMissingElement()
    {
        const string request = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><AcknowledgeEnvelopeReceipt xmlns="http://ephyto.ippc.int/" xsi:nil="true" /></soap:Body></soap:Envelope>""";
        var answer = await _ke.PostRawAsync(Encoding.UTF8.GetBytes(request), "text/xml; charset=utf-8", "");
        Assert.That(answer.FaultMessage, Is.EqualTo("hubTrackingNumber is required."), answer.ToString());
    }

    /// <summary>
    /// SOAP::Lite's on_action built from the method name sends .../AdvancedAcknowledgeEnvelopeReceipt where the contract
    /// says .../NegativeAcknowledgeEnvelopeReceipt: it names the operation the body calls, so it does not contradict it.
    /// </summary>
    [Test]
    public async Task AnActionNamingTheBodysOwnOperation_IsAccepted_ForAdvancedAcknowledge()
    {
        const string request = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><AdvancedAcknowledgeEnvelopeReceipt xmlns="http://ephyto.ippc.int/"><hubTrackingNumber>0123456789abcdef0123456789abcdef</hubTrackingNumber><warningMessage>w</warningMessage></AdvancedAcknowledgeEnvelopeReceipt></soap:Body></soap:Envelope>""";
        var answer = await _ke.PostRawAsync(Encoding.UTF8.GetBytes(request), "text/xml; charset=utf-8",
            "\"http://ephyto.ippc.int/IDeliveryService/AdvancedAcknowledgeEnvelopeReceipt\"");
        Assert.That(answer.FaultMessage, Does.Contain("does not exist or is not addressed to KE"),
            "dispatched to the operation (which then refuses the unknown number), not refused for its action");
    }

    /// <summary>
    /// gSOAP 2.8: wrappers carry xsi:type naming the complexType the WSDL declares for them (here with an empty body).
    /// </summary>
    [Test]
    public async Task Gsoap_XsiTypeNamingTheWrappersDeclaredType_IsAccepted()
    {
        const string request = """<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:hub="http://ephyto.ippc.int/HUB.Entities" xmlns:ephyto="http://ephyto.ippc.int/"><SOAP-ENV:Body><ephyto:GetActiveNppos xsi:type="ephyto:GetActiveNppos"></ephyto:GetActiveNppos></SOAP-ENV:Body></SOAP-ENV:Envelope>""";
        var answer = await _ke.PostRawAsync(Encoding.UTF8.GetBytes(request), "text/xml; charset=utf-8",
            "\"http://ephyto.ippc.int/IDeliveryService/GetActiveNppos\"");
        Assert.That(answer.IsFault, Is.False, answer.ToString());

        const string tracking = """<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ephyto="http://ephyto.ippc.int/"><SOAP-ENV:Body><ephyto:GetEnvelopeTrackingInfo xsi:type="ephyto:GetEnvelopeTrackingInfo"><ephyto:hubTrackingNumber>0123456789abcdef0123456789abcdef</ephyto:hubTrackingNumber></ephyto:GetEnvelopeTrackingInfo></SOAP-ENV:Body></SOAP-ENV:Envelope>""";
        var tracked = await _ke.PostRawAsync(Encoding.UTF8.GetBytes(tracking), "text/xml; charset=utf-8", "");
        Assert.That(tracked.Value("HUBTrackingInfo"), Is.EqualTo("EnvelopeNotExists"), tracked.ToString());
    }
}
