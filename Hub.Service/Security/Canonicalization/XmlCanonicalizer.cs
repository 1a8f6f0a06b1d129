using System.Buffers;
using System.Security.Cryptography;
using System.Xml;

namespace Hub.Service.Security.Canonicalization;

/// <summary>The two canonicalization algorithms XML-DSig allows for our signatures, each with and without comments.</summary>
internal enum C14NMethod
{
    /// <summary>Canonical XML 1.0, http://www.w3.org/TR/2001/REC-xml-c14n-20010315.</summary>
    Inclusive,

    /// <summary>Canonical XML 1.0 with comments, http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments.</summary>
    InclusiveWithComments,

    /// <summary>Exclusive XML Canonicalization 1.0, http://www.w3.org/2001/10/xml-exc-c14n#.</summary>
    Exclusive,

    /// <summary>Exclusive XML Canonicalization 1.0 with comments, http://www.w3.org/2001/10/xml-exc-c14n#WithComments.</summary>
    ExclusiveWithComments,
}

/// <summary>
/// Canonical XML 1.0 and Exclusive XML Canonicalization 1.0 over an already parsed <see cref="XmlDocument"/>, written
/// straight into a buffer or a hash: the fast path that replaces the canonicalization inside SignedXml (which copies
/// the document into its own DOM and builds the output in a string, about 2 ms for a 25 KB certificate).
/// </summary>
/// <remarks>
/// <para>The input is a document subset made of one node's subtree: the whole document, or an element with its
/// descendants (as for SignedInfo), minus the subtree of <c>excluded</c> (the enveloped-signature transform). For an
/// element apex, inclusive C14N renders all namespace declarations in scope and the xml:* attributes inherited from
/// its ancestors on it; exclusive C14N renders only visibly utilized namespaces and the InclusiveNamespaces prefixes.</para>
/// <para>The document must come from the hub's reader (no DTD, so no entity references and no default attributes):
/// an entity reference or document type node, a text node outside the document element, a namespace binding the DOM
/// contradicts, or a lone surrogate is refused with <see cref="NotSupportedException"/> rather than guessed at.</para>
/// <para>Where the runtime's SignedXml departs from the W3C text, this class follows the W3C text and libxml2 (the
/// library under xmlsec1); the differential tests name each such case.</para>
/// </remarks>
internal static class XmlCanonicalizer
{
    /// <summary>Writes the canonical form of <paramref name="apex"/>'s subtree as UTF-8 into <paramref name="output"/>.</summary>
    /// <param name="apex">An <see cref="XmlDocument"/> or an <see cref="XmlElement"/>.</param>
    /// <param name="method">The canonicalization algorithm.</param>
    /// <param name="excluded">An element whose subtree is left out (the enveloped ds:Signature), or null.</param>
    /// <param name="inclusivePrefixes">Exclusive C14N only: the InclusiveNamespaces PrefixList ("#default" for the default namespace).</param>
    /// <param name="output">Where the bytes go.</param>
    internal static void Canonicalize(XmlNode apex, C14NMethod method, XmlElement? excluded,
        IReadOnlyCollection<string>? inclusivePrefixes, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate(apex, method, inclusivePrefixes);
        using var sink = new CanonicalOutput(output);
        Run(apex, method, excluded, inclusivePrefixes, sink);
    }

    /// <summary>Feeds the canonical form of <paramref name="apex"/>'s subtree into <paramref name="hash"/> (the Reference digest).</summary>
    internal static void Canonicalize(XmlNode apex, C14NMethod method, XmlElement? excluded,
        IReadOnlyCollection<string>? inclusivePrefixes, IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        Validate(apex, method, inclusivePrefixes);
        using var sink = new CanonicalOutput(hash);
        Run(apex, method, excluded, inclusivePrefixes, sink);
    }

    /// <summary>The canonical form of <paramref name="apex"/>'s subtree as a new array.</summary>
    internal static byte[] Canonicalize(XmlNode apex, C14NMethod method, XmlElement? excluded = null,
        IReadOnlyCollection<string>? inclusivePrefixes = null)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        Canonicalize(apex, method, excluded, inclusivePrefixes, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Validate(XmlNode apex, C14NMethod method, IReadOnlyCollection<string>? inclusivePrefixes)
    {
        ArgumentNullException.ThrowIfNull(apex);
        if (apex is not (XmlDocument or XmlElement))
        {
            throw new ArgumentException($"Only a document or an element can be canonicalized, not a {apex.NodeType} node.", nameof(apex));
        }

        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown canonicalization method.");
        }

        if (inclusivePrefixes is { Count: > 0 } && method is C14NMethod.Inclusive or C14NMethod.InclusiveWithComments)
        {
            throw new ArgumentException("An InclusiveNamespaces PrefixList only applies to exclusive canonicalization.", nameof(inclusivePrefixes));
        }
    }

    private static void Run(XmlNode apex, C14NMethod method, XmlElement? excluded,
        IReadOnlyCollection<string>? inclusivePrefixes, CanonicalOutput sink)
    {
        var exclusive = method is C14NMethod.Exclusive or C14NMethod.ExclusiveWithComments;
        var withComments = method is C14NMethod.InclusiveWithComments or C14NMethod.ExclusiveWithComments;
        var writer = new CanonicalTreeWriter(sink, exclusive, withComments, excluded, PrefixList(inclusivePrefixes));
        if (apex is XmlDocument document)
        {
            writer.WriteDocument(document);
        }
        else
        {
            writer.WriteApexElement((XmlElement)apex);
        }

        sink.Flush();
    }

    /// <summary>The PrefixList as prefixes, "#default" becoming "" (the default namespace).</summary>
    private static string[] PrefixList(IReadOnlyCollection<string>? inclusivePrefixes)
    {
        if (inclusivePrefixes is null || inclusivePrefixes.Count == 0)
        {
            return [];
        }

        var list = new List<string>(inclusivePrefixes.Count);
        foreach (var prefix in inclusivePrefixes)
        {
            ArgumentNullException.ThrowIfNull(prefix, nameof(inclusivePrefixes));
            var name = prefix == "#default" ? string.Empty : prefix;
            if ((name.Length > 0 || prefix.Length > 0) && !list.Contains(name))
            {
                list.Add(name);
            }
        }

        return [.. list];
    }
}
