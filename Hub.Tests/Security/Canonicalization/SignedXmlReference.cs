using System.Collections;
using System.Reflection;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hub.Service.Security.Canonicalization;

namespace Hub.Tests.Security.Canonicalization;

/// <summary>
/// The runtime's System.Security.Cryptography.Xml transforms as the reference, fed the way SignedXml feeds them, at the
/// level of the parsed DOM (SignedXml itself first re-parses <c>OuterXml</c>, which changes a few characters: that
/// difference is pinned separately in <c>SignedXmlDeviationTests</c>):
/// <list type="bullet">
/// <item>whole document: <c>LoadInput(XmlDocument)</c>;</item>
/// <item>document minus an element: the element removed from a fresh copy, as XmlDsigEnvelopedSignatureTransform does;</item>
/// <item>element apex, as SignedXml canonicalizes SignedInfo (<c>GetC14NDigest</c>): the element alone in a new document,
/// plus the namespace declarations and xml:* attributes of its ancestors copied onto it by the runtime's own
/// <c>Utils.GetPropagatedAttributes</c> / <c>Utils.AddNamespaces</c> (internal, reached by reflection);</item>
/// <item>element apex as a node-set: <c>LoadInput(XmlNodeList)</c> with the element, its descendants and their attributes.</item>
/// </list>
/// </summary>
internal static class SignedXmlReference
{
    private static readonly Type s_utils = typeof(SignedXml).Assembly.GetType("System.Security.Cryptography.Xml.Utils", throwOnError: true)!;
    private static readonly MethodInfo s_getPropagatedAttributes = s_utils.GetMethod("GetPropagatedAttributes", BindingFlags.NonPublic | BindingFlags.Static)!;

    public static ReferenceResult Document(XmlDocument document, C14NMethod method, string[] prefixes) =>
        Run(method, prefixes, document);

    public static ReferenceResult DocumentMinusElement(XmlDocument freshCopy, int element, C14NMethod method, string[] prefixes)
    {
        var removed = CorpusXml.ElementAt(freshCopy, element);
        removed.ParentNode!.RemoveChild(removed);
        return Run(method, prefixes, freshCopy);
    }

    public static ReferenceResult ApexAsSignedInfo(XmlElement apex, C14NMethod method, string[] prefixes)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var copy = (XmlElement)document.AppendChild(document.ImportNode(apex, deep: true))!;
        var propagated = s_getPropagatedAttributes.Invoke(null, [apex.ParentNode as XmlElement]);
        if (propagated is not null)
        {
            var addNamespaces = s_utils.GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
                .Single(m => m.Name == "AddNamespaces" && m.GetParameters()[1].ParameterType == propagated.GetType());
            addNamespaces.Invoke(null, [copy, propagated]);
        }

        return Run(method, prefixes, document);
    }

    public static ReferenceResult ApexAsNodeList(XmlElement apex, C14NMethod method, string[] prefixes)
    {
        var nodes = new List<XmlNode>();
        Collect(apex, nodes);
        return Run(method, prefixes, new NodeList(nodes));

        static void Collect(XmlNode node, List<XmlNode> nodes)
        {
            nodes.Add(node);
            if (node.Attributes is { } attributes)
            {
                nodes.AddRange(attributes.Cast<XmlNode>());
            }

            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                Collect(child, nodes);
            }
        }
    }

    public static Transform CreateTransform(C14NMethod method, string[] prefixes)
    {
        var prefixList = prefixes.Length > 0 ? string.Join(' ', prefixes) : null;
        return method switch
        {
            C14NMethod.Inclusive => new XmlDsigC14NTransform(),
            C14NMethod.InclusiveWithComments => new XmlDsigC14NWithCommentsTransform(),
            C14NMethod.Exclusive => new XmlDsigExcC14NTransform(prefixList!),
            C14NMethod.ExclusiveWithComments => new XmlDsigExcC14NTransform(includeComments: true, prefixList!),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }

    public static byte[] Canonicalize(Transform transform, object input)
    {
        transform.LoadInput(input);
        using var stream = (Stream)transform.GetOutput(typeof(Stream));
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static ReferenceResult Run(C14NMethod method, string[] prefixes, object input)
    {
        try
        {
            return new ReferenceResult(Canonicalize(CreateTransform(method, prefixes), input), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or XmlException or System.Security.Cryptography.CryptographicException)
        {
            return new ReferenceResult(null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private sealed class NodeList(List<XmlNode> nodes) : XmlNodeList
    {
        public override int Count => nodes.Count;

        public override XmlNode? Item(int index) => index >= 0 && index < nodes.Count ? nodes[index] : null;

        public override IEnumerator GetEnumerator() => nodes.GetEnumerator();
    }
}
