using System.Reflection;
using System.Xml;
using System.Xml.Serialization;

namespace Hub.Service.Soap;

/// <summary>
/// One cached <see cref="XmlSerializer"/> per body type, built at startup. Reading is strict about elements: an element
/// the contract does not know (including one in the wrong namespace) is a Sender fault, not silently dropped.
/// </summary>
internal sealed class SoapBodySerializer
{
    private readonly Dictionary<Type, XmlSerializer> _serializers;
    private readonly XmlSerializerNamespaces _prefixes = new();

    public SoapBodySerializer(IEnumerable<Type> types, IReadOnlyDictionary<string, string> prefixes)
    {
        var distinct = types.Distinct().ToArray();
        var built = XmlSerializer.FromTypes(distinct);
        _serializers = distinct.Zip(built).ToDictionary(p => p.First, p => p.Second!);
        foreach (var (ns, prefix) in prefixes) _prefixes.Add(prefix, ns);
    }

    /// <summary>The root element a body type is declared with ([XmlRoot]), required for every registered type.</summary>
    public static XmlQualifiedName RootOf(Type type)
    {
        var root = type.GetCustomAttribute<XmlRootAttribute>()
            ?? throw new InvalidOperationException($"{type} has no [XmlRoot]: a SOAP body type must name its element.");
        return new XmlQualifiedName(root.ElementName, root.Namespace ?? "");
    }

    public object Deserialize(Type type, XmlReader reader, string operation)
    {
        string? unknown = null;
        var events = new XmlDeserializationEvents
        {
            OnUnknownElement = (_, e) => unknown ??= $"{{{e.Element.NamespaceURI}}}{e.Element.LocalName}",
        };
        object? result;
        try
        {
            result = _serializers[type].Deserialize(reader, events);
        }
        catch (InvalidOperationException e)
        {
            var why = e.InnerException?.Message ?? e.Message;
            throw new SoapFaultException(SoapFaultCode.Sender, $"The {operation} request is not valid: {why}");
        }
        if (unknown is not null)
            throw new SoapFaultException(SoapFaultCode.Sender,
                $"The {operation} request contains the element '{unknown}', which the contract does not define there (check its name and namespace).");
        // A nil wrapper (xsi:nil="true", as SOAP::Lite sends for a call without parameters) reads as null: it means
        // the same as an empty wrapper, and the handler says which required element, if any, is missing.
        return result ?? Activator.CreateInstance(type)
            ?? throw new SoapFaultException(SoapFaultCode.Sender, $"The {operation} request is empty.");
    }

    public void Serialize(XmlWriter writer, object body) => _serializers[body.GetType()].Serialize(writer, body, _prefixes);

    public bool CanSerialize(Type type) => _serializers.ContainsKey(type);
}
