using System.Globalization;
using System.Xml;
using System.Xml.Schema;

namespace Hub.Tests.Contracts;

/// <summary>
/// Describes compiled schema components as lines "path  facts" (element names and namespaces, occurrences,
/// nillable, types, derivation, particles in order, attributes sorted by name), so that two schema sets can be
/// compared whatever their files, prefixes or declaration order, and the first difference reported with its path.
/// </summary>
internal static class SchemaStructure
{
    private const string XsNamespace = "http://www.w3.org/2001/XMLSchema";

    /// <summary>Short names for the namespaces of the contract, to keep the paths readable.</summary>
    private static readonly Dictionary<string, string> s_prefixes = new(StringComparer.Ordinal)
    {
        ["http://ephyto.ippc.int/"] = "eph",
        ["http://ephyto.ippc.int/HUB.Entities"] = "hub",
        ["urn:un:unece:uncefact:data:standard:SPSCertificate:17"] = "rsm",
        ["urn:un:unece:uncefact:data:standard:SPSAcknowledgement:17"] = "spsack",
        ["urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"] = "ram",
        ["urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21"] = "udt",
        ["urn:un:unece:uncefact:data:Standard:QualifiedDataType:21"] = "qdt",
        [XsNamespace] = "xs",
    };

    public static IReadOnlyList<string> DescribeElement(XmlSchemaSet set, XmlQualifiedName name)
    {
        if (set.GlobalElements[name] is not XmlSchemaElement element)
        {
            return [$"/{Name(name)}  not declared"];
        }

        var describer = new Describer(set);
        describer.Element("", element);
        return describer.Lines;
    }

    public static IReadOnlyList<string> DescribeType(XmlSchemaSet set, XmlQualifiedName name)
    {
        if (set.GlobalTypes[name] is not XmlSchemaType type)
        {
            return [$"type {Name(name)}  not declared"];
        }

        var describer = new Describer(set);
        describer.Type("type " + Name(name), type);
        return describer.Lines;
    }

    public static IReadOnlyList<XmlQualifiedName> GlobalElementNames(XmlSchemaSet set) =>
        set.GlobalElements.Names.Cast<XmlQualifiedName>().OrderBy(Name, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<XmlQualifiedName> GlobalTypeNames(XmlSchemaSet set) =>
        set.GlobalTypes.Names.Cast<XmlQualifiedName>().OrderBy(Name, StringComparer.Ordinal).ToList();

    /// <summary>Null when equal; otherwise the first differing line, with its path.</summary>
    public static string? FirstDifference(IReadOnlyList<string> reference, IReadOnlyList<string> ours)
    {
        for (var i = 0; i < Math.Max(reference.Count, ours.Count); i++)
        {
            var expected = i < reference.Count ? reference[i] : "(nothing more)";
            var actual = i < ours.Count ? ours[i] : "(nothing more)";
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                var path = (i < reference.Count ? expected : actual).Split("  ")[0];
                return $"first difference at {path} (line {i + 1}):\n    reference: {expected}\n    ours:      {actual}";
            }
        }

        return null;
    }

    public static string Name(XmlQualifiedName name) =>
        name.Namespace.Length == 0 ? name.Name
        : s_prefixes.TryGetValue(name.Namespace, out var prefix) ? $"{prefix}:{name.Name}"
        : $"{{{name.Namespace}}}{name.Name}";

    private static string Occurs(decimal value) =>
        value == decimal.MaxValue ? "unbounded" : value.ToString(CultureInfo.InvariantCulture);

    private sealed class Describer(XmlSchemaSet set)
    {
        private readonly HashSet<XmlSchemaComplexType> _expanding = [];

        public List<string> Lines { get; } = [];

        public void Element(string parentPath, XmlSchemaElement particle)
        {
            var element = particle.RefName.IsEmpty
                ? particle
                : set.GlobalElements[particle.RefName] as XmlSchemaElement
                  ?? throw new InvalidOperationException($"Unresolved element reference {particle.RefName}.");
            var path = $"{parentPath}/{Name(element.QualifiedName)}";
            var facts = $"element min={Occurs(particle.MinOccurs)} max={Occurs(particle.MaxOccurs)} nillable={element.IsNillable}";
            if (element.DefaultValue is not null)
            {
                facts += $" default={element.DefaultValue}";
            }

            if (element.FixedValue is not null)
            {
                facts += $" fixed={element.FixedValue}";
            }

            Lines.Add($"{path}  {facts}");
            Type(path, element.ElementSchemaType);
        }

        public void Type(string path, XmlSchemaType? type)
        {
            switch (type)
            {
                case XmlSchemaSimpleType simple:
                    Lines.Add($"{path}  simple {Simple(simple)}");
                    break;
                case XmlSchemaComplexType { QualifiedName.Namespace: XsNamespace } builtIn:
                    Lines.Add($"{path}  {Name(builtIn.QualifiedName)}");
                    break;
                case XmlSchemaComplexType complex:
                    Complex(path, complex);
                    break;
                default:
                    Lines.Add($"{path}  no type");
                    break;
            }
        }

        private void Complex(string path, XmlSchemaComplexType complex)
        {
            var header = $"{path}  complex {TypeName(complex)} content={complex.ContentType}";
            if (complex.BaseXmlSchemaType is { QualifiedName.Namespace: not XsNamespace } baseType)
            {
                header += $" {(complex.DerivedBy == XmlSchemaDerivationMethod.Extension ? "extends" : "restricts")} {TypeName(baseType)}";
            }

            if (complex.ContentType == XmlSchemaContentType.TextOnly)
            {
                var textType = complex.BaseXmlSchemaType;
                while (textType is XmlSchemaComplexType derived)
                {
                    textType = derived.BaseXmlSchemaType;
                }

                header += $" text={Simple(textType as XmlSchemaSimpleType)}";
            }

            if (complex.IsAbstract || complex.IsMixed)
            {
                header += $" abstract={complex.IsAbstract} mixed={complex.IsMixed}";
            }

            if (!_expanding.Add(complex))
            {
                Lines.Add(header + " (recursive, not expanded again)");
                return;
            }

            Lines.Add(header);
            var attributes = complex.AttributeUses.Values.Cast<XmlSchemaAttribute>()
                .OrderBy(a => Name(a.QualifiedName), StringComparer.Ordinal);
            foreach (var attribute in attributes)
            {
                var use = attribute.Use == XmlSchemaUse.None ? XmlSchemaUse.Optional : attribute.Use;
                var facts = $"attribute use={use} type={Simple(attribute.AttributeSchemaType)}";
                facts += attribute.DefaultValue is null ? "" : $" default={attribute.DefaultValue}";
                facts += attribute.FixedValue is null ? "" : $" fixed={attribute.FixedValue}";
                Lines.Add($"{path}/@{Name(attribute.QualifiedName)}  {facts}");
            }

            if (complex.AttributeWildcard is { } anyAttribute)
            {
                Lines.Add($"{path}/@*  anyAttribute namespace={anyAttribute.Namespace} process={anyAttribute.ProcessContents}");
            }

            Particle(path, complex.ContentTypeParticle);
            _expanding.Remove(complex);
        }

        private void Particle(string path, XmlSchemaParticle particle)
        {
            switch (particle)
            {
                case XmlSchemaElement element:
                    Element(path, element);
                    break;
                case XmlSchemaGroupBase group:
                    var kind = group switch { XmlSchemaSequence => "sequence", XmlSchemaChoice => "choice", _ => "all" };
                    Lines.Add($"{path}  {kind} min={Occurs(group.MinOccurs)} max={Occurs(group.MaxOccurs)} items={group.Items.Count}");
                    foreach (var item in group.Items.Cast<XmlSchemaParticle>())
                    {
                        Particle(path, item);
                    }

                    break;
                case XmlSchemaAny any:
                    Lines.Add($"{path}/*  any namespace={any.Namespace} process={any.ProcessContents} min={Occurs(any.MinOccurs)} max={Occurs(any.MaxOccurs)}");
                    break;
            }
        }

        private static string TypeName(XmlSchemaType type) =>
            type.QualifiedName.IsEmpty ? "(anonymous)" : Name(type.QualifiedName);

        private static string Simple(XmlSchemaSimpleType? type)
        {
            if (type is null)
            {
                return "(none)";
            }

            if (type.QualifiedName.Namespace == XsNamespace)
            {
                return Name(type.QualifiedName);
            }

            return type.Content switch
            {
                XmlSchemaSimpleTypeRestriction restriction =>
                    $"{TypeName(type)} restricts {Simple(type.BaseXmlSchemaType as XmlSchemaSimpleType)}{Facets(restriction)}",
                XmlSchemaSimpleTypeList list => $"{TypeName(type)} list of {Simple(list.BaseItemType)}",
                XmlSchemaSimpleTypeUnion union =>
                    $"{TypeName(type)} union of {string.Join(" ", (union.BaseMemberTypes ?? []).Select(Simple))}",
                _ => TypeName(type),
            };
        }

        private static string Facets(XmlSchemaSimpleTypeRestriction restriction)
        {
            var facets = restriction.Facets.Cast<XmlSchemaFacet>().ToList();
            var enumeration = facets.OfType<XmlSchemaEnumerationFacet>().Select(f => f.Value).ToList();
            var others = facets.Where(f => f is not XmlSchemaEnumerationFacet)
                .Select(f => $"{f.GetType().Name.Replace("XmlSchema", "", StringComparison.Ordinal)}={f.Value}");
            var text = enumeration.Count == 0 ? "" : $" enumeration=[{string.Join("|", enumeration)}]";
            return text + string.Concat(others.Select(o => " " + o));
        }
    }
}
