using System.Text;

namespace Hub.Tests.Security.Canonicalization;

/// <summary>One generated document and the elements its cases use (1-based, in document order).</summary>
internal sealed record CorpusDocument(string Name, string Xml, int ElementCount, int ExcludedElement, int ApexElement);

/// <summary>
/// Generates well-formed XML that stresses canonicalization: namespaces declared, redeclared and undeclared at every
/// level, prefixed and unprefixed attributes, values and text needing escapes (also CR, TAB and LF as character
/// references), xml:* attributes, comments and PIs inside and outside the document element, CDATA, whitespace, mixed
/// content, non-ASCII and astral characters, deep nesting and long base64 text. Seeded: a failure names its seed.
/// </summary>
/// <remarks>
/// With <c>signedXmlDefects</c> the generator also uses the inputs on which the runtime's SignedXml departs from the
/// C14N specification (see <c>SignedXmlDeviationTests</c>): xml:lang="", a "lang" prefix next to xml:lang, xmlns:xml,
/// and namespace URIs whose UTF-16 order differs from their code point order.
/// </remarks>
internal sealed class XmlCorpusGenerator(int seed, bool signedXmlDefects)
{
    private static readonly string[] s_uris =
    [
        "urn:a", "urn:b", "urn:c", "http://example.org/one", "http://example.org/two",
        "urn:un:unece:uncefact:data:standard:SPSCertificate:17", "http://www.w3.org/2000/09/xmldsig#", "urn:amp&amp;x",
    ];

    private static readonly string[] s_prefixes = ["a", "b", "p", "q", "ns0", "ns1", "ds", "z", "ab", "\u00e9t\u00e9"];
    private static readonly string[] s_defectPrefixes = ["lang", "space"];
    private static readonly string[] s_localNames = ["e", "item", "Name", "ID", "data", "x", "Content", "\u00e4", "\u4e2d"];
    // UTF-16 order ≠ code point order. (Names cannot carry such characters: .NET applies the XML 1.0 4th edition name
    // rules. libxml2 refuses these URIs, so documents using them have no libxml2 reference.)
    private static readonly string[] s_defectUris = ["urn:sort:\uFF21", "urn:sort:\U00010400"];
    private static readonly string[] s_words = ["alpha", "Beta", "123", "x y", "caf\u00e9", "\u4e2d\u6587", "\U0001F600", "&#x1F600;", "&#x20AC;"];
    private static readonly string[] s_textSpecials = ["&amp;", "&lt;", "&gt;", ">", "&#13;", "&#xD;&#xA;", "\r\n", "\r", "\t", "\n", "]]&gt;", "'", "\"", "&quot;", "&apos;"];
    private static readonly string[] s_attributeSpecials = ["&amp;", "&lt;", ">", "&gt;", "&quot;", "'", "&#9;", "&#10;", "&#13;", "&#13;&#10;", "\t", "\n", "\r\n", "  "];

    private readonly Random _random = new(seed);
    private readonly List<(string Prefix, string Uri)> _scope = [];
    private StringBuilder _xml = new();
    private int _elements;
    private int _ids;

    public CorpusDocument Next(string name)
    {
        _xml = new StringBuilder();
        _scope.Clear();
        _elements = 0;
        if (Chance(50))
        {
            _xml.Append(Chance(50) ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" : "<?xml version='1.0'?>\n");
        }

        Misc(outside: true);
        var deep = Chance(3);
        Element(depth: 0, maxDepth: deep ? _random.Next(40, 200) : _random.Next(1, 8), deep);
        Misc(outside: true);
        var excluded = _elements >= 2 ? _random.Next(2, _elements + 1) : 0;
        return new CorpusDocument(name, _xml.ToString(), _elements, excluded, _random.Next(1, _elements + 1));
    }

    private void Element(int depth, int maxDepth, bool deep)
    {
        _elements++;
        var frame = _scope.Count;
        var declarations = new StringBuilder();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        for (var n = Chance(35) ? _random.Next(1, 4) : 0; n > 0; n--)
        {
            Declare(declarations, declared, Chance(30) ? string.Empty : Pick(Prefixes()));
        }

        if (signedXmlDefects && Chance(3))
        {
            declarations.Append(" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"");
        }

        var prefix = ElementPrefix(declarations, declared);
        var qname = (prefix.Length > 0 ? prefix + ":" : string.Empty) + LocalName();
        _xml.Append('<').Append(qname).Append(declarations);
        Attributes();

        if (depth >= maxDepth || Chance(15))
        {
            _xml.Append(Chance(50) ? "/>" : "></" + qname + ">");
        }
        else
        {
            _xml.Append('>');
            var children = deep ? 1 : _random.Next(0, 5);
            for (var i = 0; i < children; i++)
            {
                Content(depth, maxDepth, deep);
            }

            _xml.Append("</").Append(qname).Append('>');
        }

        _scope.RemoveRange(frame, _scope.Count - frame);
    }

    private void Content(int depth, int maxDepth, bool deep)
    {
        if (deep)
        {
            Element(depth + 1, maxDepth, deep);
            return;
        }

        switch (_random.Next(12))
        {
            case 0 or 1 or 2 or 3:
                Element(depth + 1, maxDepth, deep);
                break;
            case 4 or 5:
                _xml.Append(Text(s_textSpecials));
                break;
            case 6:
                _xml.Append(Pick(["\n  ", "\r\n    ", " ", "\t", "\n"]));
                break;
            case 7:
                _xml.Append("<![CDATA[").Append(Pick(["a & b < c > d", "]] ]>", "\u00e9\U0001F600", "", "x\r\ny", "<tag attr=\"v\"/>"])).Append("]]>");
                break;
            case 8:
                Misc(outside: false);
                break;
            case 9:
                _xml.Append(Chance(10) ? Base64(_random.Next(2_000, 40_000)) : Text(s_textSpecials));
                break;
            default:
                Element(depth + 1, maxDepth, deep);
                _xml.Append(Text(s_textSpecials));
                break;
        }
    }

    /// <summary>Comments, PIs and whitespace: in the prolog/epilog or inside an element.</summary>
    private void Misc(bool outside)
    {
        for (var n = _random.Next(0, 3); n > 0; n--)
        {
            switch (_random.Next(4))
            {
                case 0:
                    _xml.Append("<!--").Append(Pick([" comment ", "", "a&b<c>d", "\u00e9 \U0001F600", "x\r\ny", " - "])).Append("-->");
                    break;
                case 1:
                    _xml.Append("<?").Append(Pick(["pi", "app", "xml-stylesheet", "t\u00e9"]))
                        .Append(Pick(["", " data", " a=\"1\" b='&'", "   spaced  ", " \u00e9\U0001F600", " x\r\ny"])).Append("?>");
                    break;
                default:
                    _xml.Append(outside ? Pick(["\n", "\r\n", " ", "\n\n"]) : Pick(["\n", " ", "\t"]));
                    break;
            }
        }
    }

    private void Attributes()
    {
        var names = new HashSet<string>(StringComparer.Ordinal); // expanded names: uri + " " + local
        for (var n = _random.Next(0, 5); n > 0; n--)
        {
            string qname;
            string expanded;
            var kind = _random.Next(10);
            if (kind < 5)
            {
                var local = LocalName();
                (qname, expanded) = (local, " " + local);
            }
            else if (kind < 8 && InScopePrefixes() is { Count: > 0 } prefixes)
            {
                var prefix = Pick(prefixes);
                var local = LocalName();
                (qname, expanded) = (prefix + ":" + local, Lookup(prefix) + " " + local);
            }
            else
            {
                var local = Pick(["lang", "lang", "space", "base", "id"]);
                (qname, expanded) = ("xml:" + local, "xml " + local);
            }

            if (!names.Add(expanded))
            {
                continue;
            }

            var quote = Chance(20) ? '\'' : '"';
            _xml.Append(' ').Append(qname).Append('=').Append(quote).Append(AttributeValue(qname, quote)).Append(quote);
        }
    }

    private string AttributeValue(string qname, char quote)
    {
        switch (qname)
        {
            case "xml:space":
                return Pick(["preserve", "default"]);
            case "xml:lang":
                return signedXmlDefects && Chance(40) ? string.Empty : Pick(["en", "fr-CA", "es"]);
            case "xml:id":
                return "id" + _ids++;
            case "xml:base":
                return "http://example.org/base/";
        }

        var value = Text(s_attributeSpecials);
        return quote == '\'' ? value.Replace("'", "&apos;") : value.Replace("\"", "&quot;");
    }

    /// <summary>The element's prefix: "" (default namespace), an in-scope prefix, or one declared on the element itself.</summary>
    private string ElementPrefix(StringBuilder declarations, HashSet<string> declared)
    {
        if (Chance(40))
        {
            return string.Empty;
        }

        if (Chance(60) && InScopePrefixes() is { Count: > 0 } prefixes)
        {
            return Pick(prefixes);
        }

        var prefix = Pick(Prefixes());
        if (!declared.Contains(prefix))
        {
            Declare(declarations, declared, prefix);
        }

        return prefix;
    }

    private void Declare(StringBuilder declarations, HashSet<string> declared, string prefix)
    {
        if (!declared.Add(prefix))
        {
            return;
        }

        // Often the binding already in scope (a redundant declaration); xmlns="" undeclares the default namespace.
        var current = Lookup(prefix);
        var uri = current is not null && Chance(30) ? current : prefix.Length == 0 && Chance(30) ? string.Empty : Uri();
        declarations.Append(' ').Append(prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix).Append("=\"").Append(uri).Append('"');
        _scope.Add((prefix, uri));
    }

    private string? Lookup(string prefix)
    {
        for (var i = _scope.Count - 1; i >= 0; i--)
        {
            if (_scope[i].Prefix == prefix)
            {
                return _scope[i].Uri;
            }
        }

        return null;
    }

    private List<string> InScopePrefixes() =>
        _scope.Select(s => s.Prefix).Where(p => p.Length > 0).Distinct().ToList();

    private string[] Prefixes() => signedXmlDefects ? [.. s_prefixes, .. s_defectPrefixes] : s_prefixes;

    private string LocalName() => Pick(s_localNames);

    private string Uri() => signedXmlDefects && Chance(20) ? Pick(s_defectUris) : Pick(s_uris);

    private string Text(string[] specials)
    {
        var text = new StringBuilder();
        for (var n = _random.Next(1, 6); n > 0; n--)
        {
            text.Append(Chance(50) ? Pick(s_words) : Pick(specials));
        }

        return text.ToString();
    }

    /// <summary>A long base64 run, broken into lines as attachments are (LF, or CRLF written as &amp;#13; + LF).</summary>
    private string Base64(int length)
    {
        var bytes = new byte[length * 3 / 4];
        _random.NextBytes(bytes);
        var base64 = Convert.ToBase64String(bytes);
        var lineBreak = Chance(50) ? "\n" : "&#13;\n";
        var text = new StringBuilder(base64.Length + base64.Length / 76 * 6);
        for (var i = 0; i < base64.Length; i += 76)
        {
            text.Append(base64, i, Math.Min(76, base64.Length - i)).Append(lineBreak);
        }

        return text.ToString();
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
