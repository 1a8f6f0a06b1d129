using System.Xml;

namespace Hub.Tests.Security.Canonicalization;

/// <summary>Loading documents as the hub does, and finding elements by document-order position.</summary>
internal static class CorpusXml
{
    /// <summary>As the hub loads a certificate: whitespace preserved, no DTD, no resolver.</summary>
    public static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        document.Load(reader);
        return document;
    }

    /// <summary>The k-th element (1-based) in document order, as XPath <c>(//*)[k]</c>.</summary>
    public static XmlElement ElementAt(XmlDocument document, int k)
    {
        var count = 0;
        for (XmlNode? node = document.DocumentElement; node is not null; node = Next(node, document.DocumentElement!))
        {
            if (node is XmlElement element && ++count == k)
            {
                return element;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(k), k, $"The document has only {count} elements.");
    }

    /// <summary>The number of elements in the document.</summary>
    public static int ElementCount(XmlDocument document)
    {
        var count = 0;
        for (XmlNode? node = document.DocumentElement; node is not null; node = Next(node, document.DocumentElement!))
        {
            count += node is XmlElement ? 1 : 0;
        }

        return count;
    }

    private static XmlNode? Next(XmlNode node, XmlNode root)
    {
        if (node.FirstChild is { } child)
        {
            return child;
        }

        for (var current = node; !ReferenceEquals(current, root); current = current.ParentNode!)
        {
            if (current.NextSibling is { } sibling)
            {
                return sibling;
            }
        }

        return null;
    }
}
