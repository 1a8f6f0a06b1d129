using System.Xml;

namespace Hub.Service.Security;

/// <summary>
/// Element searches by a plain walk of the tree. XmlNode.GetElementsByTagName registers a live list with the
/// document (change listeners), which on a freshly parsed certificate costs more than verifying its signature.
/// </summary>
internal static class XmlTree
{
    /// <summary>The descendant elements of <paramref name="root"/> (not itself) with this local name and namespace (null: any namespace), in document order.</summary>
    public static IEnumerable<XmlElement> Descendants(XmlNode root, string localName, string? namespaceUri)
    {
        var node = root.FirstChild;
        while (node is not null)
        {
            if (node is XmlElement element && element.LocalName == localName && (namespaceUri is null || element.NamespaceURI == namespaceUri))
                yield return element;
            if (node.FirstChild is not null)
            {
                node = node.FirstChild;
                continue;
            }
            while (node is not null && node != root && node.NextSibling is null) node = node.ParentNode;
            if (node is null || node == root) yield break;
            node = node.NextSibling;
        }
    }
}
