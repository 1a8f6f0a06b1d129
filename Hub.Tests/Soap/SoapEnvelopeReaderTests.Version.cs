using System.Xml;
using Hub.Service.Soap;

namespace Hub.Tests.Soap;

public sealed partial class SoapEnvelopeReaderTests
{
    // ---- SOAP version ----

    [Test]
    public void Scan_returns_the_body_element_of_a_SOAP_11_envelope()
    {
        Assert.That(Scan(Envelope(Operation())), Is.EqualTo(new XmlQualifiedName("GetProfile", Tns)));
    }

    [Test]
    public void Scan_returns_the_body_element_of_a_SOAP_12_envelope()
    {
        Assert.That(Scan(Envelope(Operation(), ns: S12), SoapVersion.Soap12), Is.EqualTo(new XmlQualifiedName("GetProfile", Tns)));
    }

    [Test]
    public void A_SOAP_12_envelope_read_as_SOAP_11_is_a_VersionMismatch()
    {
        var fault = Refused(Envelope(Operation(), ns: S12), SoapVersion.Soap11);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.VersionMismatch));
        Assert.That(fault.Reason, Does.Contain("The envelope is SOAP 1.2 but the request was sent as SOAP 1.1 (Content-Type text/xml)"));
    }

    [Test]
    public void A_SOAP_11_envelope_read_as_SOAP_12_is_a_VersionMismatch()
    {
        var fault = Refused(Envelope(Operation(), ns: S11), SoapVersion.Soap12);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.VersionMismatch));
        Assert.That(fault.Reason, Does.Contain("The envelope is SOAP 1.1 but the request was sent as SOAP 1.2 (Content-Type application/soap+xml)"));
    }

    [TestCase("http://example.org/not-soap/")]
    [TestCase("")]
    public void An_envelope_in_another_namespace_is_a_Sender_fault(string ns)
    {
        var xml = ns.Length == 0
            ? $"<Envelope><Body>{Operation()}</Body></Envelope>"
            : $"<s:Envelope xmlns:s=\"{ns}\"><s:Body>{Operation()}</s:Body></s:Envelope>";
        var fault = Refused(xml);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain($"The envelope namespace '{ns}' is not the SOAP 1.1 namespace"));
    }

    [Test]
    public void A_root_element_that_is_not_Envelope_is_refused()
    {
        var fault = Refused(Operation());
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain("its root element must be Envelope"));
    }
}
