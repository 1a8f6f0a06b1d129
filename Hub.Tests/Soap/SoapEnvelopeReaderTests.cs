using System.Text;
using System.Xml;
using Hub.Service.Soap;

namespace Hub.Tests.Soap;

/// <summary>
/// The safe envelope reader on its own (no server): every limit exactly at N (accepted) and N+1 (refused), the SOAP
/// version check, the Envelope's shape (one optional Header, then one Body with exactly one element), DTDs refused,
/// and <see cref="SoapEnvelopeReader.OpenBody"/> positioned on the Body's element.
/// </summary>
[TestFixture]
public sealed class SoapEnvelopeReaderTests
{
    private const string S11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string S12 = "http://www.w3.org/2003/05/soap-envelope";
    private const string Tns = "http://ephyto.ippc.int/";
    private const string Other = "urn:test:other";

    private static SoapEnvelopeReader Reader(int maxDepth = 64, int maxElements = 20_000, int maxAttributeChars = 1024 * 1024) =>
        new(new SoapEndpointOptions { MaxDepth = maxDepth, MaxElements = maxElements, MaxAttributeChars = maxAttributeChars });

    private static ReadOnlyMemory<byte> Utf8(string xml) => Encoding.UTF8.GetBytes(xml);

    /// <summary>An envelope: optional Header content (null: no Header), then the Body content as given.</summary>
    private static string Envelope(string body, string? header = null, string ns = S11, string envelopeAttributes = "") =>
        $"<s:Envelope xmlns:s=\"{ns}\"{envelopeAttributes}>"
        + (header is null ? "" : $"<s:Header>{header}</s:Header>")
        + $"<s:Body>{body}</s:Body></s:Envelope>";

    private static string Operation(string content = "") => $"<t:GetProfile xmlns:t=\"{Tns}\">{content}</t:GetProfile>";

    private static XmlQualifiedName Scan(string xml, SoapVersion? version = null, SoapEnvelopeReader? reader = null) =>
        (reader ?? Reader()).Scan(Utf8(xml), version ?? SoapVersion.Soap11);

    private static SoapFault Refused(string xml, SoapVersion? version = null, SoapEnvelopeReader? reader = null) =>
        Refused(Utf8(xml), version, reader);

    private static SoapFault Refused(ReadOnlyMemory<byte> bytes, SoapVersion? version = null, SoapEnvelopeReader? reader = null)
    {
        var e = Assert.Throws<SoapFaultException>(() => (reader ?? Reader()).Scan(bytes, version ?? SoapVersion.Soap11));
        return e!.Fault;
    }

    /// <summary>k elements nested in one another: &lt;x:n&gt;&lt;x:n&gt;...&lt;/x:n&gt;&lt;/x:n&gt;.</summary>
    private static string Nested(int k) =>
        string.Concat(Enumerable.Repeat($"<x:n xmlns:x=\"{Other}\">", k)) + string.Concat(Enumerable.Repeat("</x:n>", k));

    /// <summary>k sibling elements.</summary>
    private static string Siblings(int k) => string.Concat(Enumerable.Repeat($"<x:i xmlns:x=\"{Other}\"/>", k));

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

    // ---- MaxDepth (the Envelope counts as level 1) ----

    [TestCase(4)]
    [TestCase(10)]
    [TestCase(64)]
    public void MaxDepth_in_a_header_block_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxDepth: n);
        // Envelope (1) / Header (2) / k nested elements (3 .. 2 + k)
        Assert.That(Scan(Envelope(Operation(), header: Nested(n - 2)), reader: reader).Name, Is.EqualTo("GetProfile"));
        var fault = Refused(Envelope(Operation(), header: Nested(n - 1)), reader: reader);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain($"deeper than {n} levels (limit MaxDepth)"));
    }

    [TestCase(4)]
    [TestCase(10)]
    [TestCase(64)]
    public void MaxDepth_in_the_body_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxDepth: n);
        // Envelope (1) / Body (2) / GetProfile (3) / k nested elements (4 .. 3 + k)
        Assert.That(Scan(Envelope(Operation(Nested(n - 3))), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(Nested(n - 2))), reader: reader).Reason, Does.Contain($"deeper than {n} levels (limit MaxDepth)"));
    }

    [Test]
    public void MaxDepth_below_the_body_element_refuses_every_request()
    {
        Assert.That(Refused(Envelope(Operation()), reader: Reader(maxDepth: 2)).Reason, Does.Contain("deeper than 2 levels"));
    }

    // ---- MaxElements (every element counts, the Envelope too) ----

    [TestCase(3)]
    [TestCase(10)]
    [TestCase(500)]
    public void MaxElements_in_the_body_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxElements: n);
        // Envelope + Body + GetProfile = 3, plus k children.
        Assert.That(Scan(Envelope(Operation(Siblings(n - 3))), reader: reader).Name, Is.EqualTo("GetProfile"));
        var fault = Refused(Envelope(Operation(Siblings(n - 2))), reader: reader);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain($"more than {n} elements (limit MaxElements)"));
    }

    [TestCase(4)]
    [TestCase(100)]
    public void MaxElements_in_the_header_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxElements: n);
        // Envelope + Header + Body + GetProfile = 4, plus k header blocks.
        Assert.That(Scan(Envelope(Operation(), header: Siblings(n - 4)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), header: Siblings(n - 3)), reader: reader).Reason,
            Does.Contain($"more than {n} elements (limit MaxElements)"));
    }

    // ---- MaxAttributeChars ----

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_on_a_header_block_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Header(int length) => $"<x:a xmlns:x=\"{Other}\" v=\"{new string('v', length)}\"/>";
        Assert.That(Scan(Envelope(Operation(), header: Header(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        var fault = Refused(Envelope(Operation(), header: Header(n + 1)), reader: reader);
        Assert.That(fault.Code, Is.EqualTo(SoapFaultCode.Sender));
        Assert.That(fault.Reason, Does.Contain($"An attribute is longer than {n} characters (limit MaxAttributeChars)"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_on_the_body_element_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Body(int length) => $"<t:GetProfile xmlns:t=\"{Tns}\" v=\"{new string('v', length)}\"/>";
        Assert.That(Scan(Envelope(Body(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Body(n + 1)), reader: reader).Reason, Does.Contain($"An attribute is longer than {n} characters"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_on_the_Envelope_is_accepted_at_N_and_refused_at_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        Assert.That(Scan(Envelope(Operation(), envelopeAttributes: $" v=\"{new string('v', n)}\""), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), envelopeAttributes: $" v=\"{new string('v', n + 1)}\""), reader: reader).Reason,
            Does.Contain($"An attribute is longer than {n} characters"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_counts_namespace_declarations(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Declaration(int length) => $" xmlns:long=\"urn:{new string('n', length - 4)}\"";
        Assert.That(Scan(Envelope(Operation(), envelopeAttributes: Declaration(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), envelopeAttributes: Declaration(n + 1)), reader: reader).Reason,
            Does.Contain($"An attribute is longer than {n} characters"));
    }

    [TestCase(64)]
    [TestCase(5000)]
    public void MaxAttributeChars_bounds_element_names_at_N_and_N_plus_1(int n)
    {
        var reader = Reader(maxAttributeChars: n);
        string Block(int length) => $"<x:{new string('e', length)} xmlns:x=\"{Other}\"/>";
        Assert.That(Scan(Envelope(Operation(), header: Block(n)), reader: reader).Name, Is.EqualTo("GetProfile"));
        Assert.That(Refused(Envelope(Operation(), header: Block(n + 1)), reader: reader).Reason,
            Does.Contain($"An element name is longer than {n} characters (limit MaxAttributeChars)"));
    }

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
