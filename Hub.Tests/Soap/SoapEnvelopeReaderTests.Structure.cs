using System.Xml;
using Hub.Service.Soap;

namespace Hub.Tests.Soap;

public sealed partial class SoapEnvelopeReaderTests
{
    // ---- Header then Body ----

    [Test]
    public void A_Header_then_a_Body_is_accepted()
    {
        Assert.That(Scan(Envelope(Operation(), header: $"<x:a xmlns:x=\"{Other}\">1</x:a>")).Name, Is.EqualTo("GetProfile"));
    }

    [Test]
    public void A_Header_after_the_Body_is_refused()
    {
        var xml = $"<s:Envelope xmlns:s=\"{S11}\"><s:Body>{Operation()}</s:Body><s:Header/></s:Envelope>";
        var fault = Refused(xml);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain("Unexpected element 's:Header'").And.Contain("only one Header then one Body"));
    }

    [Test]
    public void Two_Headers_are_refused()
    {
        var xml = $"<s:Envelope xmlns:s=\"{S11}\"><s:Header/><s:Header/><s:Body>{Operation()}</s:Body></s:Envelope>";
        Assert.That(Refused(xml).Reason, Does.Contain("Unexpected element 's:Header'"));
    }

    [Test]
    public void Two_Bodies_are_refused()
    {
        var xml = $"<s:Envelope xmlns:s=\"{S11}\"><s:Body>{Operation()}</s:Body><s:Body>{Operation()}</s:Body></s:Envelope>";
        Assert.That(Refused(xml).Reason, Does.Contain("Unexpected element 's:Body'"));
    }

    [Test]
    public void A_foreign_element_in_the_Envelope_is_refused()
    {
        var xml = $"<s:Envelope xmlns:s=\"{S11}\"><x:Extra xmlns:x=\"{Other}\"/><s:Body>{Operation()}</s:Body></s:Envelope>";
        Assert.That(Refused(xml).Reason, Does.Contain("Unexpected element 'x:Extra' in the SOAP Envelope"));
    }

    [Test]
    public void A_Header_of_the_other_SOAP_version_is_refused()
    {
        var xml = $"<s:Envelope xmlns:s=\"{S11}\" xmlns:s12=\"{S12}\"><s12:Header/><s:Body>{Operation()}</s:Body></s:Envelope>";
        Assert.That(Refused(xml).Reason, Does.Contain("Unexpected element 's12:Header'"));
    }

    [Test]
    public void An_envelope_without_Body_is_refused()
    {
        var xml = $"<s:Envelope xmlns:s=\"{S11}\"><s:Header/></s:Envelope>";
        Assert.That(Refused(xml).Reason, Does.Contain("The SOAP Body is missing"));
    }

    [Test]
    public void Text_directly_in_the_Envelope_is_refused()
    {
        var xml = $"<s:Envelope xmlns:s=\"{S11}\">text<s:Body>{Operation()}</s:Body></s:Envelope>";
        Assert.That(Refused(xml).Reason, Does.Contain("Text is not allowed directly inside the SOAP Envelope or Body"));
    }

    // ---- exactly one body element ----

    [TestCase("")]
    [TestCase("  \n ")]
    [TestCase("<!-- nothing -->")]
    public void A_Body_without_element_is_refused(string content)
    {
        var fault = Refused(Envelope(content));
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain("The SOAP Body is empty"));
    }

    [Test]
    public void An_empty_Body_element_is_refused()
    {
        Assert.That(Refused($"<s:Envelope xmlns:s=\"{S11}\"><s:Body/></s:Envelope>").Reason, Does.Contain("The SOAP Body is empty"));
    }

    [Test]
    public void Two_body_elements_are_refused()
    {
        var fault = Refused(Envelope(Operation() + Operation()));
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain("The SOAP Body must contain exactly one element"));
    }

    [TestCase("text")]
    [TestCase("<![CDATA[text]]>")]
    public void Text_beside_the_body_element_is_refused(string text)
    {
        Assert.That(Refused(Envelope(Operation() + text)).Reason, Does.Contain("Text is not allowed directly inside the SOAP Envelope or Body"));
    }

    [Test]
    public void Whitespace_comments_and_processing_instructions_around_the_body_element_are_accepted()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c --><?pi x?>\n"
            + Envelope($"\n  <!-- before -->\n  <?pi y?>{Operation("\n")}\n  <!-- after -->\n", header: "\n <!-- h -->\n") + "\n<!-- trailing -->\n";
        Assert.That(Scan(xml).Name, Is.EqualTo("GetProfile"));
    }

    [TestCase(100)]
    [TestCase(5_000)]
    [TestCase(100_000)]
    public void Whitespace_of_any_length_around_the_Header_and_the_body_element_is_accepted(int length)
    {
        // XmlReader reports a whitespace run longer than its buffer (about 4K characters) as Text, not Whitespace.
        var ws = string.Concat(Enumerable.Repeat(" \t\r\n", length / 4 + 1))[..length];
        var xml = $"{ws}<s:Envelope xmlns:s=\"{S11}\">{ws}<s:Header>{ws}</s:Header>{ws}<s:Body>{ws}{Operation()}{ws}</s:Body>{ws}</s:Envelope>{ws}";
        var bytes = Utf8(xml);
        var reader = Reader();
        Assert.That(reader.Scan(bytes, SoapVersion.Soap11).Name, Is.EqualTo("GetProfile"));
        using var body = reader.OpenBody(bytes, SoapVersion.Soap11);
        Assert.That((body.NodeType, body.LocalName, body.NamespaceURI), Is.EqualTo((XmlNodeType.Element, "GetProfile", Tns)));
    }

    [TestCase(5_000)]
    [TestCase(100_000)]
    public void A_long_text_with_one_non_whitespace_character_is_still_text(int length)
    {
        var text = new string(' ', length) + "x" + new string(' ', length);
        Assert.That(Refused(Envelope(text + Operation())).Reason, Does.Contain("Text is not allowed directly inside the SOAP Envelope or Body"));
        Assert.That(Refused(Envelope(Operation() + text)).Reason, Does.Contain("Text is not allowed directly inside the SOAP Envelope or Body"));
    }

    [Test]
    public void Whitespace_in_CDATA_beside_the_body_element_is_refused()
    {
        Assert.That(Refused(Envelope("<![CDATA[ ]]>" + Operation())).Reason, Does.Contain("Text is not allowed"));
    }
}
