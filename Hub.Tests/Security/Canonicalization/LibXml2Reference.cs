using System.Diagnostics;
using System.Text.Json;
using Hub.Service.Security.Canonicalization;

namespace Hub.Tests.Security.Canonicalization;

/// <summary>What a case canonicalizes: the document, the document minus one element's subtree, or one element's subtree.</summary>
internal enum CaseKind
{
    Document = 0,
    DocumentMinusElement = 1,
    ElementApex = 2,
}

/// <summary>One canonicalization to compute; <see cref="Element"/> is 1-based in document order (XPath <c>(//*)[k]</c>).</summary>
internal sealed record CanonicalizationCase(int Document, CaseKind Kind, int Element, C14NMethod Method, string[] Prefixes)
{
    public override string ToString() =>
        $"{Kind} element={Element} {Method}{(Prefixes.Length > 0 ? " prefixes=[" + string.Join(' ', Prefixes) + "]" : "")}";
}

/// <summary>
/// libxml2 (the library under xmlsec1) as the independent reference, through Python: lxml's
/// <c>etree.tostring(method="c14n")</c> for the whole document and for the document with one element removed (its
/// tail text kept), and libxml2's own <c>xmlC14NDocDumpMemory</c> (through ctypes) over the XPath node-set of one
/// subtree (<c>E/descendant-or-self::node() | E/descendant-or-self::*/@* | E/descendant-or-self::*/namespace::*</c>)
/// for an element apex, which is how xmlsec1 canonicalizes SignedInfo (lxml would canonicalize a copy of the element
/// detached from its ancestors, losing inherited xml:* attributes). lxml also silently drops "#default" from an
/// InclusiveNamespaces list (it passes on only prefixes its document dictionary knows), so with "#default" the whole
/// document and the enveloped-signature node-set (XML-DSig 6.6.4) go to <c>xmlC14NDocDumpMemory</c> directly too.
/// One Python process per batch.
/// </summary>
internal static class LibXml2Reference
{
    public const string PythonPath = "/usr/bin/python3";

    private const string Script = """
        import sys, json, base64, ctypes
        from ctypes import c_void_p, c_char_p, c_int, POINTER, byref
        from lxml import etree

        lib = ctypes.CDLL("libxml2.so.2")
        libc = ctypes.CDLL(None)
        lib.xmlReadMemory.restype = c_void_p
        lib.xmlReadMemory.argtypes = [c_char_p, c_int, c_char_p, c_char_p, c_int]
        lib.xmlXPathNewContext.restype = c_void_p
        lib.xmlXPathNewContext.argtypes = [c_void_p]
        lib.xmlXPathEvalExpression.restype = c_void_p
        lib.xmlXPathEvalExpression.argtypes = [c_char_p, c_void_p]
        lib.xmlC14NDocDumpMemory.restype = c_int
        lib.xmlC14NDocDumpMemory.argtypes = [c_void_p, c_void_p, c_int, POINTER(c_char_p), c_int, POINTER(c_void_p)]
        lib.xmlFreeDoc.argtypes = [c_void_p]
        lib.xmlXPathFreeObject.argtypes = [c_void_p]
        lib.xmlXPathFreeContext.argtypes = [c_void_p]
        libc.free.argtypes = [c_void_p]
        XML_PARSE_NONET, XML_PARSE_HUGE = 1 << 11, 1 << 19

        def parse(data):
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
            return etree.fromstring(data, parser).getroottree()

        def c14n(tree, method, prefixes):
            return etree.tostring(tree, method="c14n", exclusive=method >= 2, with_comments=method % 2 == 1,
                                  inclusive_ns_prefixes=prefixes or None)

        def minus(data, k):
            tree = parse(data)
            element = list(tree.getroot().iter(etree.Element))[k - 1]
            parent, tail = element.getparent(), element.tail
            if tail:
                previous = element.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            parent.remove(element)
            return tree

        def dump(data, expression, method, prefixes):
            # libxml2's own C14N over the document (expression None) or over an XPath node-set of it
            doc = lib.xmlReadMemory(data, len(data), b"doc.xml", None, XML_PARSE_NONET | XML_PARSE_HUGE)
            if not doc:
                raise ValueError("libxml2 could not parse the document")
            context = lib.xmlXPathNewContext(doc)
            result = lib.xmlXPathEvalExpression(expression.encode(), context) if expression else None
            nodes = ctypes.cast(result, POINTER(c_void_p))[1] if result else None
            listed = (c_char_p * (len(prefixes) + 1))(*[p.encode() for p in prefixes], None) if prefixes else None
            buffer = c_void_p()
            try:
                length = lib.xmlC14NDocDumpMemory(doc, nodes, 1 if method >= 2 else 0, listed, method % 2, byref(buffer))
                if length < 0:
                    raise ValueError("xmlC14NDocDumpMemory failed")
                return ctypes.string_at(buffer, length)
            finally:
                if buffer:
                    libc.free(buffer)
                if result:
                    lib.xmlXPathFreeObject(result)
                lib.xmlXPathFreeContext(context)
                lib.xmlFreeDoc(doc)

        def subtree(k):
            e = "(//*)[%d]" % k
            return "%s/descendant-or-self::node() | %s/descendant-or-self::*/@* | %s/descendant-or-self::*/namespace::*" % (e, e, e)

        def outside(k):
            # the enveloped-signature transform's node-set (XML-DSig 6.6.4) with (//*)[k] in place of the signature
            return "(//. | //@* | //namespace::*)[count(ancestor-or-self::node() | (//*)[%d]) != count(ancestor-or-self::node())]" % k

        request = json.load(open(sys.argv[1]))
        docs = [base64.b64decode(d) for d in request["docs"]]
        out = []
        for d, kind, k, method, prefixes in request["cases"]:
            try:
                # lxml passes on only the prefixes its document dictionary knows, so it drops "#default"
                direct = "#default" in prefixes
                if kind == 0:
                    result = dump(docs[d], None, method, prefixes) if direct else c14n(parse(docs[d]), method, prefixes)
                elif kind == 1:
                    result = dump(docs[d], outside(k), method, prefixes) if direct else c14n(minus(docs[d], k), method, prefixes)
                else:
                    result = dump(docs[d], subtree(k), method, prefixes)
                out.append("ok:" + base64.b64encode(result).decode())
            except Exception as e:
                out.append("err:%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
        json.dump(out, open(sys.argv[2], "w"))
        """;

    /// <summary>Null when python3 with lxml and libxml2 can be used, else why not.</summary>
    public static string? Unavailable()
    {
        if (!File.Exists(PythonPath))
        {
            return $"{PythonPath} not found";
        }

        var (exitCode, output) = Run(["-c", "import lxml.etree, ctypes; ctypes.CDLL('libxml2.so.2')"], TimeSpan.FromSeconds(30));
        return exitCode == 0 ? null : $"python3-lxml / libxml2 not usable: {output}";
    }

    /// <summary>Runs every case in one Python process; each result is the canonical bytes or an error text.</summary>
    public static async Task<IReadOnlyList<ReferenceResult>> CanonicalizeAsync(
        IReadOnlyList<string> documents, IReadOnlyList<CanonicalizationCase> cases, TimeSpan timeout)
    {
        var folder = Directory.CreateTempSubdirectory("c14n-libxml2-");
        try
        {
            var input = Path.Combine(folder.FullName, "request.json");
            var output = Path.Combine(folder.FullName, "results.json");
            var request = new
            {
                docs = documents.Select(d => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(d))),
                cases = cases.Select(c => new object[] { c.Document, (int)c.Kind, c.Element, (int)c.Method, c.Prefixes }),
            };
            await File.WriteAllTextAsync(input, JsonSerializer.Serialize(request));
            var (exitCode, log) = await Task.Run(() => Run(["-c", Script, input, output], timeout));
            Assert.That(exitCode, Is.EqualTo(0), $"the libxml2 reference failed: {log}");
            var results = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(output))!;
            Assert.That(results, Has.Length.EqualTo(cases.Count));
            return results.Select(r => r.StartsWith("ok:", StringComparison.Ordinal)
                ? new ReferenceResult(Convert.FromBase64String(r[3..]), null)
                : new ReferenceResult(null, r[4..])).ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}");
        }

        var errors = stderr.Result;
        return (process.ExitCode, stdout.Result + (errors.Length > 2000 ? errors[^2000..] : errors));
    }
}

/// <summary>A reference implementation's canonical bytes, or why it produced none.</summary>
internal sealed record ReferenceResult(byte[]? Bytes, string? Error);
