using System.Text;
using Hub.Service.Soap;

namespace Hub.Tests.Soap;

public sealed partial class SoapEnvelopeReaderTests
{
    // ---- DTDs and malformed XML ----

    [TestCase("<!DOCTYPE s:Envelope>")]
    [TestCase("<!DOCTYPE s:Envelope [ <!ELEMENT s:Envelope ANY> ]>")]
    [TestCase("<!DOCTYPE s:Envelope [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>")]
    [TestCase("<!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:9/evil.dtd\">")]
    [TestCase("<!DOCTYPE s:Envelope [ <!ENTITY a \"aaaaaaaaaa\"> <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"> <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"> ]>")]
    public void A_DTD_is_refused(string doctype)
    {
        var xml = "<?xml version=\"1.0\"?>" + doctype + Envelope(Operation("&xxe;"));
        var fault = Refused(xml);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain("document type declaration (DTD)").And.Contain("not allowed"));
        Assert.That(fault.Reason, Does.Not.Contain("root:"));
    }

    [TestCase("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><t:GetProfile xmlns:t=\"" + Tns + "\"></s:Body></s:Envelope>", "does not match the end tag")]
    [TestCase("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body>", "Unexpected end of file")]
    [TestCase("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><t:GetProfile xmlns:t=\"" + Tns + "\"/></s:Body></s:Envelope><s:Envelope xmlns:s=\"" + S11 + "\"/>", "multiple root elements")]
    [TestCase("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><t:GetProfile xmlns:t=\"" + Tns + "\">&xxe;</t:GetProfile></s:Body></s:Envelope>", "'xxe'")]
    [TestCase("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><DTD></x></s:Body></s:Envelope>", "'DTD' start tag")]
    [TestCase("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><a b=\"1\" b=\"2\"/></s:Body></s:Envelope>", "duplicate attribute")]
    [TestCase("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><q:a/></s:Body></s:Envelope>", "'q' is an undeclared prefix")]
    [TestCase("", "Root element is missing")]
    [TestCase("   ", "Root element is missing")]
    [TestCase("not xml at all", "Data at the root level is invalid")]
    public void Malformed_XML_is_refused(string xml, string detail)
    {
        var fault = Refused(xml);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.StartWith("The request is not well-formed XML").And.Contain(detail));
    }

    [Test]
    public void Invalid_UTF8_bytes_are_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Envelope(Operation("X"))).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes.RemoveAt(at);
        bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF });
        var fault = Refused(bytes.ToArray());
        Assert.That(fault.Reason, Does.StartWith("The request is not well-formed XML").And.Contain("Invalid character in the given encoding"));
    }

    [Test]
    public void Random_bytes_are_refused()
    {
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)((i * 73 + 41) % 256)).ToArray();
        Assert.That(Refused(bytes).Reason, Does.StartWith("The request is not well-formed XML"));
    }
}
