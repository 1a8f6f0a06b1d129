using System.Xml;

namespace Hub.Service.Security;

/// <summary>
/// Bounds on a signed document, checked in one walk before anything else walks it (the canonicalizer's per-element
/// work grows with the attributes of an element and the namespaces in scope, and some DOM operations with depth).
/// </summary>
internal static class ContentLimits
{
    /// <summary>
    /// Null when the document is within the limits; otherwise the first limit it exceeds. <paramref name="hasComments"/>
    /// tells whether the root holds comments or processing instructions (which a URI="" signature never covers).
    /// </summary>
    public static string? Check(XmlDocument document, SignatureOptions options, out bool hasComments)
    {
        hasComments = false;
        int depth = 0, elements = 0, declarations = 0;
        XmlNode? node = document.DocumentElement;
        while (node is not null)
        {
            if (node is XmlComment or XmlProcessingInstruction) hasComments = true;
            if (node is XmlElement element)
            {
                if (++elements > options.MaxContentElements)
                    return $"The document has more than {options.MaxContentElements} elements (limit MaxContentElements).";
                if (depth + 1 > options.MaxContentDepth)
                    return $"The document nests elements deeper than {options.MaxContentDepth} levels (limit MaxContentDepth).";
                var attributes = element.Attributes.Count;
                if (attributes > options.MaxAttributesPerElement)
                    return $"An element has {attributes} attributes; at most {options.MaxAttributesPerElement} are allowed (limit MaxAttributesPerElement).";
                for (var i = 0; i < attributes; i++)
                {
                    if (element.Attributes[i].NamespaceURI == "http://www.w3.org/2000/xmlns/" && ++declarations > options.MaxNamespaceDeclarations)
                        return $"The document declares more than {options.MaxNamespaceDeclarations} namespaces (limit MaxNamespaceDeclarations).";
                }
                if (element.FirstChild is not null)
                {
                    depth++;
                    node = element.FirstChild;
                    continue;
                }
            }
            while (node is not null && node.NextSibling is null)
            {
                node = node.ParentNode;
                depth--;
                if (node is null || node == document.DocumentElement) return null;
            }
            node = node?.NextSibling;
        }
        return null;
    }
}
