using System.Xml;

namespace Hub.Service.Security.Canonicalization;

/// <summary>The per-start-tag lists (declarations, namespaces to render, attributes) and their canonical order.</summary>
internal sealed partial class CanonicalTreeWriter
{
    private void AddDeclaration(string prefix, string uri)
    {
        if (_declarationCount == _declarations.Length)
        {
            Array.Resize(ref _declarations, _declarationCount * 2);
        }

        _declarations[_declarationCount++] = new Binding(prefix, uri);
    }

    private bool HasDeclaration(string prefix)
    {
        for (var i = 0; i < _declarationCount; i++)
        {
            if (NamespaceStack.Same(_declarations[i].Prefix, prefix))
            {
                return true;
            }
        }

        return false;
    }

    private void AddNamespace(string prefix, string uri)
    {
        if (_namespaceCount == _namespaces.Length)
        {
            Array.Resize(ref _namespaces, _namespaceCount * 2);
        }

        _namespaces[_namespaceCount++] = new Binding(prefix, uri);
    }

    private void AddAttribute(XmlAttribute attribute, string namespaceUri)
    {
        if (_attributeCount == _attributes.Length)
        {
            Array.Resize(ref _attributes, _attributeCount * 2);
        }

        _attributes[_attributeCount++] = new AttributeEntry(attribute, namespaceUri, attribute.LocalName, ValueOf(attribute));
    }

    private bool HasXmlAttribute(string localName)
    {
        for (var i = 0; i < _attributeCount; i++)
        {
            ref var a = ref _attributes[i];
            if (NamespaceStack.Same(a.NamespaceUri, XmlNamespace) && NamespaceStack.Same(a.LocalName, localName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Namespace nodes by prefix (the default namespace, prefix "", first). Insertion sort: lists are short.</summary>
    private void SortNamespaces()
    {
        for (var i = 1; i < _namespaceCount; i++)
        {
            var item = _namespaces[i];
            var j = i - 1;
            for (; j >= 0 && CompareCodePoints(_namespaces[j].Prefix, item.Prefix) > 0; j--)
            {
                _namespaces[j + 1] = _namespaces[j];
            }

            _namespaces[j + 1] = item;
        }
    }

    /// <summary>Attributes by namespace URI (none first), then local name.</summary>
    private void SortAttributes()
    {
        for (var i = 1; i < _attributeCount; i++)
        {
            var item = _attributes[i];
            var j = i - 1;
            for (; j >= 0 && Compare(in _attributes[j], in item) > 0; j--)
            {
                _attributes[j + 1] = _attributes[j];
            }

            _attributes[j + 1] = item;
        }

        static int Compare(in AttributeEntry x, in AttributeEntry y)
        {
            var byNamespace = CompareCodePoints(x.NamespaceUri, y.NamespaceUri);
            return byNamespace != 0 ? byNamespace : CompareCodePoints(x.LocalName, y.LocalName);
        }
    }

    /// <summary>
    /// Lexicographic order of UCS code points, as C14N requires (equivalently: of the UTF-8 bytes). Ordinal UTF-16
    /// order differs when a surrogate pair (U+10000 and up) meets a character from U+E000 to U+FFFF.
    /// </summary>
    internal static int CompareCodePoints(string x, string y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length - y.Length;
        }

        return Weight(x[common]) - Weight(y[common]);

        // Moves the surrogates (D800-DFFF) above E000-FFFF, keeping the order inside each range.
        static int Weight(char c) => c switch
        {
            >= '\uE000' => c - 0x800,
            >= '\uD800' => c + 0x2000,
            _ => c,
        };
    }

    private readonly record struct Binding(string Prefix, string Uri);

    private readonly record struct AttributeEntry(XmlAttribute Node, string NamespaceUri, string LocalName, string Value);
}
