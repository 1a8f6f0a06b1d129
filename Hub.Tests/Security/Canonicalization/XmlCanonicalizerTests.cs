using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Hub.Service.Security.Canonicalization;

namespace Hub.Tests.Security.Canonicalization;

/// <summary>
/// The canonicalizer rule by rule: the W3C examples (C14N 1.0 section 3, Exc-C14N section 2.2), each escaping,
/// ordering and namespace rule, subsets and exclusion, the output plumbing, and what it refuses (fail closed).
/// </summary>
[TestFixture]
public sealed class XmlCanonicalizerTests
{
    private static string C14N(XmlNode apex, C14NMethod method = C14NMethod.Inclusive, XmlElement? excluded = null, params string[] prefixes) =>
        Encoding.UTF8.GetString(XmlCanonicalizer.Canonicalize(apex, method, excluded, prefixes));

    private static string C14N(string xml, C14NMethod method = C14NMethod.Inclusive) => C14N(CorpusXml.Load(xml), method);

    private static string EscapeText(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "&#xD;");

    private static string EscapeAttribute(string s) =>
        s.Replace("&", "&amp;").Replace("<", "&lt;").Replace("\"", "&quot;").Replace("\t", "&#x9;").Replace("\n", "&#xA;").Replace("\r", "&#xD;");

    // C14N 1.0 section 3.1, without its document type declaration (the hub refuses DTDs).
    private const string W3CExample31 =
        "<?xml version=\"1.0\"?>\n\n<?xml-stylesheet   href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n\n"
        + "<doc>Hello, world!<!-- Comment 1 --></doc>\n\n<?pi-without-data     ?>\n\n<!-- Comment 2 -->\n\n<!-- Comment 3 -->";

    [Test]
    public void W3CExample_PIsCommentsAndOutsideOfDocumentElement_GetTheSpecificationsLineBreaks()
    {
        Assert.That(C14N(W3CExample31), Is.EqualTo(
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!</doc>\n<?pi-without-data?>"));
        Assert.That(C14N(W3CExample31, C14NMethod.InclusiveWithComments), Is.EqualTo(
            "<?xml-stylesheet href=\"doc.xsl\"\n   type=\"text/xsl\"   ?>\n<doc>Hello, world!<!-- Comment 1 --></doc>\n"
            + "<?pi-without-data?>\n<!-- Comment 2 -->\n<!-- Comment 3 -->"));
    }

    [Test]
    public void W3CExample_WhitespaceInDocumentContent_IsKept()
    {
        const string xml = "<doc>\n   <clean>   </clean>\n   <dirty>   A   B   </dirty>\n   <mixed>\n      A\n      <clean>   </clean>\n"
            + "      B\n      <dirty>   A   B   </dirty>\n      C\n   </mixed>\n</doc>";

        Assert.That(C14N(xml), Is.EqualTo(xml));
    }

    [Test]
    public void W3CExample_StartAndEndTags_AreNormalizedAndSuperfluousNamespaceDeclarationsRemoved()
    {
        const string xml = "<doc>\n   <e1   />\n   <e2   ></e2>\n   <e3   name = \"elem3\"   id=\"elem3\"   />\n"
            + "   <e4   name=\"elem4\"   id=\"elem4\"   ></e4>\n   <e5 a:attr=\"out\" b:attr=\"sorted\" attr2=\"all\" attr=\"I'm\"\n"
            + "      xmlns:b=\"http://www.ietf.org\"\n      xmlns:a=\"http://www.w3.org\"\n      xmlns=\"http://example.org\"/>\n"
            + "   <e6 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n"
            + "         <e8 xmlns=\"\" xmlns:a=\"http://www.w3.org\">\n            <e9 xmlns=\"\" xmlns:a=\"http://www.ietf.org\"/>\n"
            + "         </e8>\n      </e7>\n   </e6>\n</doc>";

        Assert.That(C14N(xml), Is.EqualTo(
            "<doc>\n   <e1></e1>\n   <e2></e2>\n   <e3 id=\"elem3\" name=\"elem3\"></e3>\n   <e4 id=\"elem4\" name=\"elem4\"></e4>\n"
            + "   <e5 xmlns=\"http://example.org\" xmlns:a=\"http://www.w3.org\" xmlns:b=\"http://www.ietf.org\" attr=\"I'm\" attr2=\"all\" "
            + "b:attr=\"sorted\" a:attr=\"out\"></e5>\n   <e6 xmlns:a=\"http://www.w3.org\">\n      <e7 xmlns=\"http://www.ietf.org\">\n"
            + "         <e8 xmlns=\"\">\n            <e9 xmlns:a=\"http://www.ietf.org\"></e9>\n         </e8>\n      </e7>\n   </e6>\n</doc>"));
    }

    [Test]
    public void W3CExample_CharacterReferencesAndCData_AreReplacedAndEscaped()
    {
        const string xml = "<doc>\n   <text>First line&#x0d;&#10;Second line</text>\n   <value>&#x32;</value>\n"
            + "   <compute><![CDATA[value>\"0\" && value<\"10\" ?\"valid\":\"error\"]]></compute>\n"
            + "   <compute expr='value>\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"'>valid</compute>\n"
            + "   <norm attr=' &apos;   &#x20;&#13;&#xa;&#9;   &apos; '/>\n</doc>";

        Assert.That(C14N(xml), Is.EqualTo(
            "<doc>\n   <text>First line&#xD;\nSecond line</text>\n   <value>2</value>\n"
            + "   <compute>value&gt;\"0\" &amp;&amp; value&lt;\"10\" ?\"valid\":\"error\"</compute>\n"
            + "   <compute expr=\"value>&quot;0&quot; &amp;&amp; value&lt;&quot;10&quot; ?&quot;valid&quot;:&quot;error&quot;\">valid</compute>\n"
            + "   <norm attr=\" '    &#xD;&#xA;&#x9;   ' \"></norm>\n</doc>"));
    }

    // Exc-C14N section 2.2: the subset rooted at n1:elem2.
    private const string ExcC14NExample =
        "<n0:local xmlns:n0=\"foo:bar\" xmlns:n3=\"ftp://example.org\">\n   <n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n"
        + "      <n3:stuff xmlns:n3=\"ftp://example.org\"/>\n   </n1:elem2>\n</n0:local>";

    [Test]
    public void ExcC14NExample_ExclusiveSubset_RendersOnlyVisiblyUtilizedNamespaces()
    {
        var elem2 = CorpusXml.ElementAt(CorpusXml.Load(ExcC14NExample), 2);

        Assert.That(C14N(elem2, C14NMethod.Exclusive), Is.EqualTo(
            "<n1:elem2 xmlns:n1=\"http://example.net\" xml:lang=\"en\">\n      <n3:stuff xmlns:n3=\"ftp://example.org\"></n3:stuff>\n   </n1:elem2>"));
    }

    [Test]
    public void ExcC14NExample_InclusiveSubset_RendersEveryNamespaceInScopeOnTheApex()
    {
        var elem2 = CorpusXml.ElementAt(CorpusXml.Load(ExcC14NExample), 2);

        Assert.That(C14N(elem2), Is.EqualTo(
            "<n1:elem2 xmlns:n0=\"foo:bar\" xmlns:n1=\"http://example.net\" xmlns:n3=\"ftp://example.org\" xml:lang=\"en\">\n"
            + "      <n3:stuff></n3:stuff>\n   </n1:elem2>"));
    }

    [Test]
    public void ElementApex_Inclusive_InheritsTheNearestXmlAttributesOfItsAncestors_ExclusiveDoesNot()
    {
        var document = CorpusXml.Load("<a xml:lang=\"en\" xml:space=\"preserve\" xml:base=\"http://x/\"><b xml:lang=\"fr\"><c xml:base=\"y/\"/></b></a>");
        var c = CorpusXml.ElementAt(document, 3);

        Assert.That(C14N(c), Is.EqualTo("<c xml:base=\"y/\" xml:lang=\"fr\" xml:space=\"preserve\"></c>"));
        Assert.That(C14N(c, C14NMethod.Exclusive), Is.EqualTo("<c xml:base=\"y/\"></c>"));
    }

    [Test]
    public void DefaultNamespaceUndeclaration_IsRenderedOnlyWhereItUndoesARenderedDefault()
    {
        const string xml = "<a xmlns=\"\"><b xmlns=\"urn:d\"><c xmlns=\"\"><d xmlns=\"\"/></c></b></a>";

        Assert.That(C14N(xml), Is.EqualTo("<a><b xmlns=\"urn:d\"><c xmlns=\"\"><d></d></c></b></a>"));
        Assert.That(C14N(xml, C14NMethod.Exclusive), Is.EqualTo("<a><b xmlns=\"urn:d\"><c xmlns=\"\"><d></d></c></b></a>"));
    }

    [Test]
    public void Exclusive_DeclaresANamespaceWhereItIsFirstUsed_AndAgainInEachBranch()
    {
        const string xml = "<r xmlns:p=\"urn:p\" xmlns:unused=\"urn:u\"><a><p:x/></a><b p:at=\"1\"/><p:y><p:z/></p:y></r>";

        Assert.That(C14N(xml, C14NMethod.Exclusive), Is.EqualTo(
            "<r><a><p:x xmlns:p=\"urn:p\"></p:x></a><b xmlns:p=\"urn:p\" p:at=\"1\"></b><p:y xmlns:p=\"urn:p\"><p:z></p:z></p:y></r>"));
    }

    [Test]
    public void InclusiveNamespacesPrefixList_TreatsListedPrefixesAsInclusiveC14NWould()
    {
        var document = CorpusXml.Load("<r xmlns=\"urn:d\" xmlns:p=\"urn:p\" xmlns:q=\"urn:q\"><s:e xmlns:s=\"urn:s\"><f/></s:e></r>");
        var e = CorpusXml.ElementAt(document, 2);

        Assert.That(C14N(e, C14NMethod.Exclusive, null, "p", "#default"),
            Is.EqualTo("<s:e xmlns=\"urn:d\" xmlns:p=\"urn:p\" xmlns:s=\"urn:s\"><f></f></s:e>"));
        Assert.That(C14N(e, C14NMethod.Exclusive), Is.EqualTo("<s:e xmlns:s=\"urn:s\"><f xmlns=\"urn:d\"></f></s:e>"));
    }

    [Test]
    public void PrefixList_WithAnInclusiveMethod_IsRefused()
    {
        var document = CorpusXml.Load("<a/>");

        Assert.That(() => XmlCanonicalizer.Canonicalize(document, C14NMethod.Inclusive, null, ["p"]), Throws.ArgumentException);
    }

    [Test]
    public void ExcludedElement_IsLeftOutWithItsSubtree_AndTheTextAroundItIsKept()
    {
        var document = CorpusXml.Load("<r>before<ds:Signature xmlns:ds=\"urn:ds\"><x>inner</x></ds:Signature>after<!--c--></r>");
        var signature = CorpusXml.ElementAt(document, 2);

        Assert.That(C14N(document, C14NMethod.Inclusive, signature), Is.EqualTo("<r>beforeafter</r>"));
        Assert.That(C14N(document, C14NMethod.ExclusiveWithComments, signature), Is.EqualTo("<r>beforeafter<!--c--></r>"));
        Assert.That(C14N(CorpusXml.ElementAt(document, 3), C14NMethod.Inclusive, signature), Is.Empty, "an apex inside the excluded subtree");
    }

    [Test]
    public void Attributes_FollowTheNamespaceDeclarationsSortedByPrefix_AndAreSortedByNamespaceUriThenLocalName()
    {
        const string xml = "<e z=\"1\" b:y=\"2\" xmlns:b=\"urn:b\" a=\"3\" xmlns:a=\"urn:a\" a:z=\"4\" xmlns=\"urn:d\" b:a=\"5\" xml:lang=\"x\"/>";

        Assert.That(C14N(xml), Is.EqualTo(
            "<e xmlns=\"urn:d\" xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" a=\"3\" z=\"1\" xml:lang=\"x\" a:z=\"4\" b:a=\"5\" b:y=\"2\"></e>"));
    }

    [Test]
    public void NonAsciiAndAstralCharacters_AreWrittenAsUtf8()
    {
        const string xml = "<e a=\"caf\u00e9 &#x1F600;\">\u4e2d\u6587 \U0001F600 &#xE9;</e>";

        Assert.That(XmlCanonicalizer.Canonicalize(CorpusXml.Load(xml), C14NMethod.Inclusive),
            Is.EqualTo(Encoding.UTF8.GetBytes("<e a=\"caf\u00e9 \U0001F600\">\u4e2d\u6587 \U0001F600 \u00e9</e>")));
    }

    [Test]
    public void LongTextAndAttributes_CrossingBufferBoundaries_AreEncodedIntact()
    {
        var text = string.Concat(Enumerable.Repeat("ab\u00e9&\U0001F600<\r>\u4e2d\"\t\n", 20_000));
        var document = new XmlDocument { PreserveWhitespace = true };
        var element = (XmlElement)document.AppendChild(document.CreateElement("e"))!;
        element.SetAttribute("a", text);
        element.AppendChild(document.CreateTextNode(text));

        Assert.That(C14N(document), Is.EqualTo($"<e a=\"{EscapeAttribute(text)}\">{EscapeText(text)}</e>"));
    }

    /// <summary>
    /// Guards against CPU exhaustion: SignedXml escapes CR, TAB and LF with a StringBuilder remove-and-insert per
    /// character, quadratic in practice (this 1.7 MB document takes SignedXml's C14N about four minutes; 1 MB about
    /// a minute). Ours is one pass; the bound is generous, the point is that it is not minutes.
    /// </summary>
    [Test]
    public void ManyEscapedCharacters_AreCanonicalizedInLinearTime()
    {
        const int count = 140_000;
        var xml = "<r a=\"" + string.Concat(Enumerable.Repeat("ab&#9;", count)) + "\">" + string.Concat(Enumerable.Repeat("ab&#13;", count)) + "</r>";
        var document = CorpusXml.Load(xml);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var canonical = C14N(document);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(canonical, Is.EqualTo("<r a=\"" + string.Concat(Enumerable.Repeat("ab&#x9;", count)) + "\">"
            + string.Concat(Enumerable.Repeat("ab&#xD;", count)) + "</r>"));
    }

    [Test]
    public void DeepNesting_IsWalkedWithoutRecursion()
    {
        const int depth = 50_000;
        var xml = string.Concat(Enumerable.Repeat("<a>", depth)) + "x" + string.Concat(Enumerable.Repeat("</a>", depth));

        Assert.That(C14N(xml), Is.EqualTo(xml));
    }

    [Test]
    public void HashOverload_FeedsExactlyTheCanonicalBytes()
    {
        var document = CorpusXml.Load(W3CExample31);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        XmlCanonicalizer.Canonicalize(document, C14NMethod.InclusiveWithComments, null, null, hash);

        Assert.That(hash.GetHashAndReset(), Is.EqualTo(SHA256.HashData(XmlCanonicalizer.Canonicalize(document, C14NMethod.InclusiveWithComments))));
    }

    [Test]
    public void BufferWriterOverload_WorksWithAWriterThatHandsOutTinySpans()
    {
        var document = CorpusXml.Load("<r xmlns:p=\"urn:p\">" + string.Concat(Enumerable.Repeat("<p:e a=\"\u00e9\">\U0001F600 text</p:e>", 5_000)) + "</r>");
        var writer = new TinySpanWriter();

        XmlCanonicalizer.Canonicalize(document, C14NMethod.Exclusive, null, null, writer);

        Assert.That(writer.Written.ToArray(), Is.EqualTo(XmlCanonicalizer.Canonicalize(document, C14NMethod.Exclusive)));
    }

    [Test]
    public void ConcurrentCalls_ShareNothing()
    {
        var xmls = Enumerable.Range(0, 64).Select(i => $"<r xmlns:p=\"urn:{i}\" i=\"{i}\"><p:e>{new string('x', i * 100)}</p:e></r>").ToArray();
        var expected = xmls.Select(x => C14N(x, C14NMethod.Exclusive)).ToArray();
        var actual = new string[xmls.Length];

        Parallel.For(0, xmls.Length * 8, i => actual[i % xmls.Length] = C14N(xmls[i % xmls.Length], C14NMethod.Exclusive));

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void DocumentTypeDeclaration_IsRefusedByTheHubsParser()
    {
        Assert.That(() => CorpusXml.Load("<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>"), Throws.InstanceOf<XmlException>());
    }

    [Test]
    public void DocumentTypeNode_IsRefused()
    {
        var document = LoadWithDtd("<!DOCTYPE r [<!ENTITY e \"x\">]><r>a</r>", keepEntityReferences: false);

        Assert.That(() => XmlCanonicalizer.Canonicalize(document, C14NMethod.Inclusive), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void EntityReferenceInContent_IsRefused()
    {
        var document = LoadWithDtd("<!DOCTYPE r [<!ENTITY e \"x\">]><r><s>&e;</s></r>", keepEntityReferences: true);

        Assert.That(() => XmlCanonicalizer.Canonicalize(document.DocumentElement!, C14NMethod.Exclusive), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void EntityReferenceInAttributeValue_IsRefused()
    {
        var document = LoadWithDtd("<!DOCTYPE r [<!ENTITY e \"x\">]><r a=\"1&e;2\"/>", keepEntityReferences: true);

        Assert.That(() => XmlCanonicalizer.Canonicalize(document.DocumentElement!, C14NMethod.Inclusive), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void LoneSurrogate_IsRefusedRatherThanReplaced()
    {
        var document = CorpusXml.Load("<r/>");
        document.DocumentElement!.AppendChild(document.CreateTextNode("a\uD800b"));

        Assert.That(() => XmlCanonicalizer.Canonicalize(document, C14NMethod.Inclusive), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void ElementWhoseNamespaceContradictsItsDeclarations_IsRefused()
    {
        var document = CorpusXml.Load("<p:r xmlns:p=\"urn:a\"/>");
        document.DocumentElement!.AppendChild(document.CreateElement("p", "e", "urn:other"));

        Assert.That(() => XmlCanonicalizer.Canonicalize(document, C14NMethod.Inclusive), Throws.InstanceOf<NotSupportedException>());
        Assert.That(() => XmlCanonicalizer.Canonicalize(document, C14NMethod.Exclusive), Throws.InstanceOf<NotSupportedException>());
    }

    [Test]
    public void ApexOtherThanDocumentOrElement_IsRefused()
    {
        var document = CorpusXml.Load("<r>t</r>");

        Assert.That(() => XmlCanonicalizer.Canonicalize(document.DocumentElement!.FirstChild!, C14NMethod.Inclusive), Throws.ArgumentException);
    }

    /// <summary>A document parsed with its DTD, which the hub never does: to build the node types it must refuse.</summary>
    private static XmlDocument LoadWithDtd(string xml, bool keepEntityReferences)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = new XmlTextReader(new StringReader(xml))
        {
            DtdProcessing = DtdProcessing.Parse,
            XmlResolver = null,
            EntityHandling = keepEntityReferences ? EntityHandling.ExpandCharEntities : EntityHandling.ExpandEntities,
        };
        document.Load(reader);
        return document;
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that never offers more than seven bytes at a time.</summary>
    private sealed class TinySpanWriter : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _inner = new();

        public ReadOnlySpan<byte> Written => _inner.WrittenSpan;

        public void Advance(int count) => _inner.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(7)[..7];

        public Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(7)[..7];
    }
}
