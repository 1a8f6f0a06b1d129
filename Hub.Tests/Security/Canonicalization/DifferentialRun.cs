using System.Text;
using System.Xml;
using Hub.Service.Security.Canonicalization;

namespace Hub.Tests.Security.Canonicalization;

/// <summary>
/// The outputs of one case. <see cref="SignedXml"/> is what ours is held to; for an exclusive element apex whose
/// ancestors carry xml:* attributes it is computed with those attributes removed from the ancestors (SignedXml's
/// SignedInfo path copies them onto the apex, which Exc-C14N forbids; removing them cannot change a correct exclusive
/// result), and <see cref="SignedXmlAsIs"/> keeps the unmodified output. <see cref="SignedXmlNodeSet"/> is the runtime's
/// node-set path for an element apex, recorded for the report only (it has defects of its own).
/// </summary>
internal sealed record CaseOutcome(
    CanonicalizationCase Case, CorpusDocument Document, ReferenceResult Ours, ReferenceResult SignedXml,
    ReferenceResult LibXml2, ReferenceResult? SignedXmlAsIs = null, ReferenceResult? SignedXmlNodeSet = null)
{
    public bool OursMatchesSignedXml => Same(Ours, SignedXml);

    public bool OursMatchesLibXml2 => Same(Ours, LibXml2);

    public bool SignedXmlMatchesLibXml2 => Same(SignedXml, LibXml2);

    /// <summary>SignedXml's SignedInfo path rendered inherited xml:* attributes under exclusive C14N.</summary>
    public bool SignedXmlInheritedXmlAttributes => SignedXmlAsIs is not null && !Same(SignedXmlAsIs, SignedXml);

    public bool NodeSetDiffers => SignedXmlNodeSet is not null && !Same(SignedXmlNodeSet, Ours);

    public static bool Same(ReferenceResult a, ReferenceResult b) =>
        a.Bytes is not null && b.Bytes is not null && a.Bytes.AsSpan().SequenceEqual(b.Bytes);

    /// <summary>The case and each output from a little before the first place where they differ.</summary>
    public string Describe()
    {
        var outputs = new List<(string Name, ReferenceResult? Result)>
        {
            ("ours", Ours), ("SignedXml", SignedXml), ("SignedXml as is", SignedXmlAsIs), ("SignedXml node-set", SignedXmlNodeSet), ("libxml2", LibXml2),
        };
        var first = int.MaxValue;
        foreach (var (_, result) in outputs.Skip(1))
        {
            if (result?.Bytes is not null && Ours.Bytes is not null && !Same(result, Ours))
            {
                first = Math.Min(first, Ours.Bytes.AsSpan().CommonPrefixLength(result.Bytes));
            }
        }

        first = first == int.MaxValue ? 0 : Math.Max(0, first - 200);
        var text = new StringBuilder().Append("--- ").Append(Document.Name).Append(": ").Append(Case).AppendLine();
        foreach (var (name, result) in outputs.Where(o => o.Result is not null))
        {
            text.Append("  ").Append(name.PadRight(20)).AppendLine(result!.Bytes is null
                ? "(error) " + result.Error
                : Show(Encoding.UTF8.GetString(result.Bytes.AsSpan(Math.Min(first, result.Bytes.Length))), 600));
        }

        return text.Append("  document: ").AppendLine(Show(Document.Xml, 4000)).ToString();
    }

    private static string Show(string text, int max) =>
        (text.Length > max ? text[..max] + "…" : text).Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}

/// <summary>
/// Computes every case of a set of documents with the three implementations: libxml2 in one Python process running
/// alongside, ours and SignedXml's in this one.
/// </summary>
internal static class DifferentialRun
{
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private static readonly string[] s_prefixChoices = ["a", "p", "ns0", "ds", "lang", "#default"];

    /// <summary>Every method on: the document, the document minus an element (when it has two), and an element apex.</summary>
    public static List<CanonicalizationCase> CasesFor(IReadOnlyList<CorpusDocument> documents, int seed)
    {
        var random = new Random(seed);
        var cases = new List<CanonicalizationCase>();
        for (var d = 0; d < documents.Count; d++)
        {
            var document = documents[d];
            foreach (var method in Enum.GetValues<C14NMethod>())
            {
                var prefixes = method >= C14NMethod.Exclusive && random.Next(100) < 40
                    ? s_prefixChoices.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray()
                    : [];
                cases.Add(new CanonicalizationCase(d, CaseKind.Document, 0, method, prefixes));
                if (document.ExcludedElement > 0)
                {
                    cases.Add(new CanonicalizationCase(d, CaseKind.DocumentMinusElement, document.ExcludedElement, method, prefixes));
                }

                cases.Add(new CanonicalizationCase(d, CaseKind.ElementApex, document.ApexElement, method, prefixes));
            }
        }

        return cases;
    }

    public static async Task<List<CaseOutcome>> RunAsync(IReadOnlyList<CorpusDocument> documents, IReadOnlyList<CanonicalizationCase> cases)
    {
        var libxml2 = LibXml2Reference.CanonicalizeAsync(documents.Select(d => d.Xml).ToList(), cases, TimeSpan.FromMinutes(2));
        var outcomes = new List<CaseOutcome>(cases.Count);
        foreach (var group in cases.GroupBy(c => c.Document))
        {
            var corpusDocument = documents[group.Key];
            var document = CorpusXml.Load(corpusDocument.Xml);
            var minus = CorpusXml.Load(corpusDocument.Xml); // the enveloped-signature transform removes the element from a copy
            if (corpusDocument.ExcludedElement > 0)
            {
                var removed = CorpusXml.ElementAt(minus, corpusDocument.ExcludedElement);
                removed.ParentNode!.RemoveChild(removed);
            }

            foreach (var c in group)
            {
                outcomes.Add(c.Kind switch
                {
                    CaseKind.Document => new CaseOutcome(c, corpusDocument, Ours(document, c, null),
                        SignedXmlReference.Document(document, c.Method, c.Prefixes), Pending),
                    CaseKind.DocumentMinusElement => new CaseOutcome(c, corpusDocument, Ours(document, c, CorpusXml.ElementAt(document, c.Element)),
                        SignedXmlReference.Document(minus, c.Method, c.Prefixes), Pending),
                    _ => Apex(c, corpusDocument, document),
                });
            }
        }

        var references = await libxml2;
        return outcomes.Select((o, i) => o with { LibXml2 = Normalize(references[i]) }).ToList();
    }

    private static readonly ReferenceResult Pending = new(null, "pending");

    private static CaseOutcome Apex(CanonicalizationCase c, CorpusDocument corpusDocument, XmlDocument document)
    {
        var apex = CorpusXml.ElementAt(document, c.Element);
        var signedXml = SignedXmlReference.ApexAsSignedInfo(apex, c.Method, c.Prefixes);
        var nodeSet = SignedXmlReference.ApexAsNodeList(apex, c.Method, c.Prefixes);
        if (c.Method < C14NMethod.Exclusive || !AncestorsHaveXmlAttributes(apex))
        {
            return new CaseOutcome(c, corpusDocument, Ours(apex, c, null), signedXml, Pending, null, nodeSet);
        }

        var stripped = CorpusXml.Load(corpusDocument.Xml);
        var strippedApex = CorpusXml.ElementAt(stripped, c.Element);
        for (var ancestor = strippedApex.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (var attribute in ancestor.Attributes.Cast<XmlAttribute>().Where(a => a.NamespaceURI == XmlNamespace).ToList())
            {
                ancestor.Attributes.Remove(attribute);
            }
        }

        return new CaseOutcome(c, corpusDocument, Ours(apex, c, null),
            SignedXmlReference.ApexAsSignedInfo(strippedApex, c.Method, c.Prefixes), Pending, signedXml, nodeSet);
    }

    private static bool AncestorsHaveXmlAttributes(XmlElement element)
    {
        for (var ancestor = element.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            if (ancestor.Attributes.Cast<XmlAttribute>().Any(a => a.NamespaceURI == XmlNamespace))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// libxml2 writes '&amp;' in a namespace URI as "&amp;#38;" (C14N treats a namespace node as an attribute, whose
    /// value escapes '&amp;' as "&amp;amp;"); it writes "&amp;#38;" nowhere else, so that one form is mapped back.
    /// </summary>
    private static ReferenceResult Normalize(ReferenceResult result) =>
        result.Bytes is null ? result : result with { Bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(result.Bytes).Replace("&#38;", "&amp;", StringComparison.Ordinal)) };

    private static ReferenceResult Ours(XmlNode apex, CanonicalizationCase c, XmlElement? excluded)
    {
        try
        {
            return new ReferenceResult(XmlCanonicalizer.Canonicalize(apex, c.Method, excluded, c.Prefixes), null);
        }
        catch (NotSupportedException e)
        {
            return new ReferenceResult(null, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
