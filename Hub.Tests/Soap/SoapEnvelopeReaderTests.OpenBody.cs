using System.Xml;
using Hub.Service.Soap;

namespace Hub.Tests.Soap;

public sealed partial class SoapEnvelopeReaderTests
{
    // ---- OpenBody ----

    [Test]
    public void OpenBody_is_positioned_on_the_body_element()
    {
        var bytes = Utf8(Envelope(Operation("<t:x>1</t:x>")));
        var reader = Reader();
        Assert.That(reader.Scan(bytes, SoapVersion.Soap11).Name, Is.EqualTo("GetProfile"));
        using var body = reader.OpenBody(bytes, SoapVersion.Soap11);
        Assert.That(body.NodeType, Is.EqualTo(XmlNodeType.Element));
        Assert.That(body.LocalName, Is.EqualTo("GetProfile"));
        Assert.That(body.NamespaceURI, Is.EqualTo(Tns));
        Assert.That(body.Depth, Is.EqualTo(2));
        Assert.That(body.ReadInnerXml(), Does.Contain(">1</t:x>"));
    }

    [Test]
    public void OpenBody_skips_the_Header_comments_and_whitespace_in_SOAP_12()
    {
        var xml = "<?xml version=\"1.0\"?>\n<!-- c -->"
            + Envelope($"\n <!-- before -->\n <?pi x?>\n {Operation()}\n", ns: S12,
                header: $"<x:a xmlns:x=\"{Other}\"><x:b>GetProfile</x:b></x:a><s:Body xmlns:s=\"{S12}\">not the body</s:Body>");
        var bytes = Utf8(xml);
        var reader = Reader();
        Assert.That(reader.Scan(bytes, SoapVersion.Soap12).Name, Is.EqualTo("GetProfile"));
        using var body = reader.OpenBody(bytes, SoapVersion.Soap12);
        Assert.That(body.NodeType, Is.EqualTo(XmlNodeType.Element));
        Assert.That((body.LocalName, body.NamespaceURI, body.Depth), Is.EqualTo(("GetProfile", Tns, 2)));
    }

    [Test]
    public void OpenBody_has_the_same_protections_as_Scan()
    {
        var bytes = Utf8("<!DOCTYPE s:Envelope [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>" + Envelope(Operation("&xxe;")));
        Assert.That(() =>
        {
            using var body = Reader().OpenBody(bytes, SoapVersion.Soap11);
            body.ReadInnerXml();
        }, Throws.InstanceOf<XmlException>().Or.InstanceOf<SoapFaultException>());
    }
}
