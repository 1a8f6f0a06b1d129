using System.Xml;

namespace Hub.Service.Security.Canonicalization;

/// <summary>
/// Walks one subtree in document order without recursion (so depth costs heap, not stack) and writes each node in
/// its canonical form. Start tags (namespaces and attributes) are in <c>CanonicalTreeWriter.StartTag.cs</c>.
/// One instance serves one call.
/// </summary>
internal sealed partial class CanonicalTreeWriter
{
    private readonly CanonicalOutput _out;
    private readonly bool _exclusive;
    private readonly bool _withComments;
    private readonly XmlElement? _excluded;

    public CanonicalTreeWriter(CanonicalOutput output, bool exclusive, bool withComments, XmlElement? excluded, string[] inclusivePrefixes)
    {
        _out = output;
        _exclusive = exclusive;
        _withComments = withComments;
        _excluded = excluded;
        _inclusivePrefixes = inclusivePrefixes;
        _rendered = exclusive ? new NamespaceStack() : null;
    }

    /// <summary>
    /// The whole document: the XML declaration is dropped, whitespace outside the document element too, and a comment
    /// or PI outside it is followed (before the element) or preceded (after it) by a line feed.
    /// </summary>
    public void WriteDocument(XmlDocument document)
    {
        var afterDocumentElement = false;
        for (var node = document.FirstChild; node is not null; node = node.NextSibling)
        {
            switch (node.NodeType)
            {
                case XmlNodeType.XmlDeclaration:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    break;
                case XmlNodeType.Element:
                    if (!ReferenceEquals(node, _excluded))
                    {
                        WriteSubtree((XmlElement)node);
                    }

                    afterDocumentElement = true;
                    break;
                case XmlNodeType.Comment when !_withComments:
                    break;
                case XmlNodeType.Comment:
                case XmlNodeType.ProcessingInstruction:
                    if (afterDocumentElement)
                    {
                        _out.WriteByte((byte)'\n');
                    }

                    WriteCommentOrPi(node);
                    if (!afterDocumentElement)
                    {
                        _out.WriteByte((byte)'\n');
                    }

                    break;
                default:
                    throw Unsupported(node);
            }
        }
    }

    /// <summary>An element and its descendants, as a document subset whose apex is that element.</summary>
    public void WriteApexElement(XmlElement apex)
    {
        for (XmlNode? node = apex; node is not null; node = node.ParentNode)
        {
            if (ReferenceEquals(node, _excluded))
            {
                return; // the whole subset lies inside the excluded subtree: nothing to render
            }

            if (node.NodeType is XmlNodeType.EntityReference)
            {
                throw Unsupported(node);
            }
        }

        WriteSubtree(apex);
    }

    private void WriteSubtree(XmlElement apex)
    {
        WriteStartTag(apex, isApex: true);
        XmlNode current = apex;
        var next = apex.FirstChild;
        while (true)
        {
            if (next is null)
            {
                WriteEndTag((XmlElement)current);
                if (ReferenceEquals(current, apex))
                {
                    return;
                }

                next = current.NextSibling;
                current = current.ParentNode!;
                continue;
            }

            var node = next;
            switch (node.NodeType)
            {
                case XmlNodeType.Element:
                    if (ReferenceEquals(node, _excluded))
                    {
                        break;
                    }

                    WriteStartTag((XmlElement)node, isApex: false);
                    current = node;
                    next = node.FirstChild;
                    continue;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    _out.WriteText(node.Value!);
                    break;
                case XmlNodeType.Comment when !_withComments:
                    break;
                case XmlNodeType.Comment:
                case XmlNodeType.ProcessingInstruction:
                    WriteCommentOrPi(node);
                    break;
                default:
                    throw Unsupported(node);
            }

            next = node.NextSibling;
        }
    }

    private void WriteEndTag(XmlElement element)
    {
        _out.WriteLiteral("</"u8);
        _out.WriteRaw(element.Name);
        _out.WriteByte((byte)'>');
        _inScope.PopFrame();
        _rendered?.PopFrame();
    }

    private void WriteCommentOrPi(XmlNode node)
    {
        if (node is XmlProcessingInstruction pi)
        {
            _out.WriteLiteral("<?"u8);
            _out.WriteRaw(pi.Target);
            var data = pi.Data;
            if (data.Length > 0)
            {
                _out.WriteByte((byte)' ');
                _out.WriteRaw(data);
            }

            _out.WriteLiteral("?>"u8);
        }
        else
        {
            _out.WriteLiteral("<!--"u8);
            _out.WriteRaw(node.Value!);
            _out.WriteLiteral("-->"u8);
        }
    }

    private static NotSupportedException Unsupported(XmlNode node) => node.NodeType switch
    {
        XmlNodeType.EntityReference => new NotSupportedException(
            $"Entity reference '&{node.Name};': documents with a DTD or entities are refused (fail closed)."),
        XmlNodeType.DocumentType => new NotSupportedException(
            "Document type declaration: documents with a DTD are refused (fail closed)."),
        _ => new NotSupportedException($"A {node.NodeType} node cannot appear here in a document the hub canonicalizes."),
    };
}
