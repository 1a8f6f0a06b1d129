using System.Xml;

namespace Hub.Service.Security.Canonicalization;

/// <summary>Start tags: which namespace declarations and attributes to render, in which order.</summary>
internal sealed partial class CanonicalTreeWriter
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    private readonly string[] _inclusivePrefixes;
    private readonly NamespaceStack _inScope = new();
    private readonly NamespaceStack? _rendered; // exclusive C14N: bindings already rendered by output ancestors

    // Scratch for the element being started; cleared after use so no node outlives its start tag here.
    private Binding[] _declarations = new Binding[8];
    private int _declarationCount;
    private Binding[] _namespaces = new Binding[8];
    private int _namespaceCount;
    private AttributeEntry[] _attributes = new AttributeEntry[8];
    private int _attributeCount;

    private void WriteStartTag(XmlElement element, bool isApex)
    {
        CollectAttributes(element);
        if (isApex)
        {
            CollectAncestorContext(element);
        }

        _inScope.PushFrame();
        _rendered?.PushFrame();
        if (!_exclusive)
        {
            // C14N 1.0: a namespace node is rendered unless the output parent has the same binding in scope. The apex
            // has no output parent, so every binding in scope on it (collected above) is rendered, xmlns="" excepted.
            for (var i = 0; i < _declarationCount; i++)
            {
                ref var d = ref _declarations[i];
                if (!IsXmlPrefix(d.Prefix) && !SameUri(_inScope.Lookup(d.Prefix), d.Uri))
                {
                    AddNamespace(d.Prefix, d.Uri);
                }
            }
        }

        for (var i = 0; i < _declarationCount; i++)
        {
            _inScope.Add(_declarations[i].Prefix, _declarations[i].Uri);
        }

        CheckBinding(element.Prefix, element.NamespaceURI, element);
        for (var i = 0; i < _attributeCount; i++)
        {
            ref var a = ref _attributes[i];
            if (a.Node.Prefix.Length > 0)
            {
                CheckBinding(a.Node.Prefix, a.NamespaceUri, element);
            }
        }

        if (_exclusive)
        {
            CollectExclusiveNamespaces(element);
        }

        SortNamespaces();
        SortAttributes();

        _out.WriteByte((byte)'<');
        _out.WriteRaw(element.Name);
        for (var i = 0; i < _namespaceCount; i++)
        {
            ref var ns = ref _namespaces[i];
            _out.WriteLiteral(" xmlns"u8);
            if (ns.Prefix.Length > 0)
            {
                _out.WriteByte((byte)':');
                _out.WriteRaw(ns.Prefix);
            }

            _out.WriteLiteral("=\""u8);
            _out.WriteAttributeValue(ns.Uri);
            _out.WriteByte((byte)'"');
        }

        for (var i = 0; i < _attributeCount; i++)
        {
            ref var a = ref _attributes[i];
            _out.WriteByte((byte)' ');
            _out.WriteRaw(a.Node.Name);
            _out.WriteLiteral("=\""u8);
            _out.WriteAttributeValue(a.Value);
            _out.WriteByte((byte)'"');
        }

        _out.WriteByte((byte)'>');

        Array.Clear(_declarations, 0, _declarationCount);
        Array.Clear(_namespaces, 0, _namespaceCount);
        Array.Clear(_attributes, 0, _attributeCount);
        _declarationCount = _namespaceCount = _attributeCount = 0;
    }

    /// <summary>Splits the element's attributes into namespace declarations and attributes proper.</summary>
    private void CollectAttributes(XmlElement element)
    {
        if (!element.HasAttributes)
        {
            return;
        }

        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            var namespaceUri = attribute.NamespaceURI;
            if (NamespaceStack.Same(namespaceUri, XmlnsNamespace))
            {
                AddDeclaration(attribute.Prefix.Length == 0 ? string.Empty : attribute.LocalName, ValueOf(attribute));
            }
            else
            {
                AddAttribute(attribute, namespaceUri);
            }
        }
    }

    /// <summary>
    /// The apex of a subset also carries what its ancestors put in scope: their namespace declarations (nearest wins)
    /// and, for inclusive C14N only, their xml:* attributes that the apex does not itself have (C14N 1.0 section 2.4).
    /// </summary>
    private void CollectAncestorContext(XmlElement apex)
    {
        for (var node = apex.ParentNode; node is XmlElement ancestor; node = node.ParentNode)
        {
            if (!ancestor.HasAttributes)
            {
                continue;
            }

            var attributes = ancestor.Attributes;
            for (var i = 0; i < attributes.Count; i++)
            {
                var attribute = attributes[i];
                var namespaceUri = attribute.NamespaceURI;
                if (NamespaceStack.Same(namespaceUri, XmlnsNamespace))
                {
                    var prefix = attribute.Prefix.Length == 0 ? string.Empty : attribute.LocalName;
                    if (!HasDeclaration(prefix))
                    {
                        AddDeclaration(prefix, ValueOf(attribute));
                    }
                }
                else if (!_exclusive && NamespaceStack.Same(namespaceUri, XmlNamespace) && !HasXmlAttribute(attribute.LocalName))
                {
                    AddAttribute(attribute, namespaceUri);
                }
            }
        }
    }

    /// <summary>
    /// Exclusive C14N: a binding is rendered when the element or one of its attributes visibly utilizes it, or when its
    /// prefix is in the InclusiveNamespaces PrefixList (then as inclusive C14N would), unless the nearest output
    /// ancestor already rendered the same binding. A default namespace left unbound is rendered as xmlns="" only to
    /// undo a rendered non-empty one.
    /// </summary>
    private void CollectExclusiveNamespaces(XmlElement element)
    {
        ConsiderExclusive(element.Prefix, element.NamespaceURI);
        for (var i = 0; i < _attributeCount; i++)
        {
            ref var a = ref _attributes[i];
            if (a.Node.Prefix.Length > 0)
            {
                ConsiderExclusive(a.Node.Prefix, a.NamespaceUri);
            }
        }

        for (var i = 0; i < _declarationCount && _inclusivePrefixes.Length > 0; i++)
        {
            ref var d = ref _declarations[i];
            if (Array.IndexOf(_inclusivePrefixes, d.Prefix) >= 0)
            {
                ConsiderExclusive(d.Prefix, d.Uri);
            }
        }

        for (var i = 0; i < _namespaceCount; i++)
        {
            _rendered!.Add(_namespaces[i].Prefix, _namespaces[i].Uri);
        }
    }

    private void ConsiderExclusive(string prefix, string uri)
    {
        if (IsXmlPrefix(prefix))
        {
            return;
        }

        for (var i = 0; i < _namespaceCount; i++)
        {
            if (NamespaceStack.Same(_namespaces[i].Prefix, prefix))
            {
                return;
            }
        }

        if (!SameUri(_rendered!.Lookup(prefix), uri))
        {
            AddNamespace(prefix, uri);
        }
    }
}
