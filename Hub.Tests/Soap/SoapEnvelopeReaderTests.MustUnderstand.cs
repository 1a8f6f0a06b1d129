using Hub.Service.Soap;

namespace Hub.Tests.Soap;

public sealed partial class SoapEnvelopeReaderTests
{
    // ---- mustUnderstand ----

    [TestCase(S11, "1")]
    [TestCase(S12, "true")]
    [TestCase(S12, "1")]
    public void A_header_block_that_must_be_understood_is_a_MustUnderstand_fault(string ns, string value)
    {
        var version = ns == S11 ? SoapVersion.Soap11 : SoapVersion.Soap12;
        var header = $"<x:Security xmlns:x=\"{Other}\" s:mustUnderstand=\"{value}\">secret</x:Security>";
        var fault = Refused(Envelope(Operation(), header: header, ns: ns), version);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.MustUnderstand));
        Assert.That(fault.Reason, Does.Contain($"The header '{{{Other}}}Security' must be understood"));
    }

    [TestCase(S11, "0")]
    [TestCase(S12, "false")]
    public void A_header_block_that_need_not_be_understood_is_ignored(string ns, string value)
    {
        var version = ns == S11 ? SoapVersion.Soap11 : SoapVersion.Soap12;
        var header = $"<x:Security xmlns:x=\"{Other}\" s:mustUnderstand=\"{value}\">secret</x:Security>";
        Assert.That(Scan(Envelope(Operation(), header: header, ns: ns), version).Name, Is.EqualTo("GetProfile"));
    }

    [Test]
    public void A_mustUnderstand_attribute_outside_the_SOAP_namespace_is_not_the_SOAP_one()
    {
        var header = $"<x:Security xmlns:x=\"{Other}\" x:mustUnderstand=\"1\" mustUnderstand=\"1\"/>";
        Assert.That(Scan(Envelope(Operation(), header: header)).Name, Is.EqualTo("GetProfile"));
    }
}
