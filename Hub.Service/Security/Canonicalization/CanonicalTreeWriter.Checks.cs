using System.Xml;

namespace Hub.Service.Security.Canonicalization;

/// <summary>The fail-closed checks on the DOM, and the small comparisons the start tag logic shares.</summary>
internal sealed partial class CanonicalTreeWriter
{
    /// <summary>Fails closed when the DOM's namespace for a name differs from the binding its declarations put in scope.</summary>
    private void CheckBinding(string prefix, string namespaceUri, XmlElement element)
    {
        if (IsXmlPrefix(prefix))
        {
            return;
        }

        if (!SameUri(_inScope.Lookup(prefix), namespaceUri))
        {
            throw new NotSupportedException(
                $"The namespace of a name with prefix '{prefix}' on element '{element.Name}' is not the one its declarations bind.");
        }
    }

    /// <summary>An attribute's value; an entity reference inside it (DTD only) is refused.</summary>
    private static string ValueOf(XmlAttribute attribute)
    {
        var first = attribute.FirstChild;
        if (first is null)
        {
            return string.Empty;
        }

        if (first.NodeType is XmlNodeType.Text && first.NextSibling is null)
        {
            return first.Value!;
        }

        for (var child = first; child is not null; child = child.NextSibling)
        {
            if (child.NodeType is not XmlNodeType.Text)
            {
                throw new NotSupportedException(
                    $"Attribute '{attribute.Name}' holds a {child.NodeType} node: documents with a DTD or entities are refused (fail closed).");
            }
        }

        return attribute.Value;
    }

    private static bool IsXmlPrefix(string prefix) => prefix.Length == 3 && prefix == "xml";

    private static bool SameUri(string? a, string b) => a is not null && NamespaceStack.Same(a, b);
}
