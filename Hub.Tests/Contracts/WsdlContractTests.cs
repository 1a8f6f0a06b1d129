using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using NUnit.Framework;
using static Hub.Tests.Contracts.ContractFiles;

namespace Hub.Tests.Contracts;

/// <summary>
/// Our wsdl/DeliveryService.wsdl and schemas/*.xsd are our own files, but they must describe exactly the wire
/// contract of the IPPC ePhyto Hub (reference WSDL in shared/reference/ephyto), so that a client generated from
/// either is the same client.
/// </summary>
[TestFixture]
public sealed class WsdlContractTests
{
    private const string Tns = "http://ephyto.ippc.int/";
    private const string ActionBase = "http://ephyto.ippc.int/IDeliveryService/";

    private XDocument _ours = null!;
    private XDocument _reference = null!;

    [OneTimeSetUp]
    public void LoadBothWsdls()
    {
        Assert.That(File.Exists(ReferenceWsdlPath), Is.True, $"The IPPC reference WSDL is missing: {ReferenceWsdlPath}");
        _ours = LoadXml(OurWsdlPath);
        _reference = LoadXml(ReferenceWsdlPath);
    }

    [Test]
    public void OurWsdl_HasTheSameOperations_AsTheIppcReference()
    {
        var ours = OperationFacts(_ours);
        var reference = OperationFacts(_reference);

        Assert.That(ours.Keys, Is.EquivalentTo(reference.Keys));
        Assert.That(ours, Has.Count.EqualTo(27));
    }

    [Test]
    public void OurWsdl_HasTheSameSoapActionsAndBindingPerOperation_AsTheIppcReference()
    {
        var ours = OperationFacts(_ours);

        Assert.That(Differences(OperationFacts(_reference), ours, key => key.StartsWith("binding", StringComparison.Ordinal)), Is.Empty);
        Assert.That(ours["AdvancedAcknowledgeEnvelopeReceipt"]["binding soapAction"],
            Is.EqualTo(ActionBase + "NegativeAcknowledgeEnvelopeReceipt"), "the IPPC quirk must be kept");
    }

    [Test]
    public void OurWsdl_HasTheSameMessagesAndAddressingActionsPerOperation_AsTheIppcReference()
    {
        var ours = OperationFacts(_ours);

        Assert.That(Differences(OperationFacts(_reference), ours, key => !key.StartsWith("binding", StringComparison.Ordinal)), Is.Empty);
        Assert.That(ours["AcknowledgeFailedEnvelopeReceipt"]["input wsam:Action"],
            Is.EqualTo(ActionBase + "NegativeAcknowledgeEnvelopeReceipt"), "the IPPC quirk must be kept");
    }

    [Test]
    public void OurSchemas_DescribeEveryMessagePartElement_AsTheIppcReference()
    {
        var (ours, reference) = (CompileOurs(), CompileReference());
        var partElements = PartElements(_reference);
        Assert.That(PartElements(_ours), Is.EquivalentTo(partElements));

        var failures = StructureDifferences(partElements, SchemaStructure.DescribeElement, reference, ours);
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public void OurSchemas_DeclareTheSameGlobalElementsAndTypes_AsTheIppcReference()
    {
        var (ours, reference) = (CompileOurs(), CompileReference());
        var elements = SchemaStructure.GlobalElementNames(reference);
        var types = SchemaStructure.GlobalTypeNames(reference);
        Assert.That(SchemaStructure.GlobalElementNames(ours).Select(SchemaStructure.Name), Is.EqualTo(elements.Select(SchemaStructure.Name)));
        Assert.That(SchemaStructure.GlobalTypeNames(ours).Select(SchemaStructure.Name), Is.EqualTo(types.Select(SchemaStructure.Name)));

        var failures = StructureDifferences(elements, SchemaStructure.DescribeElement, reference, ours)
            .Concat(StructureDifferences(types, SchemaStructure.DescribeType, reference, ours))
            .ToList();
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public void OurSchemas_CompileWithoutWarnings_BothFromTheFilesAndFromTheWsdlImports()
    {
        var fromFiles = new List<string>();
        var fromWsdl = new List<string>();

        var files = CompileOurSchemas(fromFiles);
        var viaWsdl = CompileWsdlTypes(_ours, OurWsdlPath, OurSchemasResolver(), fromWsdl);

        Assert.That(fromFiles, Is.Empty);
        Assert.That(fromWsdl, Is.Empty);
        Assert.That(SchemaStructure.GlobalElementNames(viaWsdl), Is.EqualTo(SchemaStructure.GlobalElementNames(files)));
        Assert.That(SchemaStructure.GlobalTypeNames(viaWsdl), Is.EqualTo(SchemaStructure.GlobalTypeNames(files)));
    }

    [Test]
    public void OurWsdl_ImportsOneSchemaFilePerNamespace_ByPathsThatResolveOnDiskAndOverHttp()
    {
        var namespaces = OurSchemaFiles.ToDictionary(f => Path.GetFileName(f), f => LoadXml(f).Root!.Attribute("targetNamespace")?.Value);
        Assert.That(namespaces.Values, Is.Unique.And.All.Not.Null, "one XSD per target namespace");

        var wsdlSchemas = WsdlSchemas(_ours);
        Assert.That(wsdlSchemas, Has.Count.EqualTo(1), "wsdl:types holds one schema that imports the XSDs");
        var imports = wsdlSchemas[0].Elements(Xs + "import")
            .ToDictionary(i => i.Attribute("schemaLocation")?.Value ?? "", i => i.Attribute("namespace")?.Value);
        Assert.That(imports, Is.EquivalentTo(namespaces.ToDictionary(n => "../schemas/" + n.Key, n => n.Value)));

        var served = new Uri(new Uri("https://localhost:8443/hub/DeliveryService?wsdl"), "../schemas/ephyto-hub.xsd");
        Assert.That(served.AbsoluteUri, Is.EqualTo("https://localhost:8443/schemas/ephyto-hub.xsd"));

        foreach (var file in OurSchemaFiles)
        {
            foreach (var import in LoadXml(file).Root!.Elements(Xs + "import"))
            {
                var location = import.Attribute("schemaLocation")?.Value ?? "";
                Assert.That(namespaces.TryGetValue(location, out var ns) ? ns : "(no such file)",
                    Is.EqualTo(import.Attribute("namespace")?.Value), $"{Path.GetFileName(file)} imports '{location}'");
            }
        }
    }

    [Test]
    public void OurWsdl_NamesItsServicePortAndBinding_AsSpecified_WithAPlaceholderAddress()
    {
        var root = _ours.Root!;
        var binding = root.Elements(Wsdl + "binding").Single();
        var port = root.Elements(Wsdl + "service").Single(s => (string?)s.Attribute("name") == "DeliveryService")
            .Elements(Wsdl + "port").Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)root.Attribute("name"), Is.EqualTo("DeliveryService"));
            Assert.That((string?)root.Attribute("targetNamespace"), Is.EqualTo(Tns));
            Assert.That(root.Elements(Wsdl + "portType").Select(p => (string?)p.Attribute("name")), Is.EqualTo(new[] { "IDeliveryService" }));
            Assert.That((string?)binding.Attribute("name"), Is.EqualTo("DeliveryServiceSoapBinding"));
            Assert.That(Resolve(binding, "type"), Is.EqualTo($"{{{Tns}}}IDeliveryService"));
            Assert.That((string?)binding.Element(Soap11 + "binding")?.Attribute("style"), Is.EqualTo("document"));
            Assert.That((string?)binding.Element(Soap11 + "binding")?.Attribute("transport"), Is.EqualTo("http://schemas.xmlsoap.org/soap/http"));
            Assert.That(root.Descendants().Where(e => e.Name.Namespace == Soap12), Is.Empty, "SOAP 1.1 only");
            Assert.That((string?)port.Attribute("name"), Is.EqualTo("IDeliveryServiceImplPort"));
            Assert.That(Resolve(port, "binding"), Is.EqualTo($"{{{Tns}}}DeliveryServiceSoapBinding"));
            Assert.That((string?)port.Element(Soap11 + "address")?.Attribute("location"),
                Is.EqualTo("https://localhost:8443/hub/DeliveryService"));
        }
    }

    private XmlSchemaSet CompileOurs()
    {
        var messages = new List<string>();
        var set = CompileOurSchemas(messages);
        Assert.That(messages, Is.Empty, "our schemas must compile cleanly");
        return set;
    }

    private XmlSchemaSet CompileReference()
    {
        var messages = new List<string>();
        var set = CompileWsdlTypes(_reference, ReferenceWsdlPath, resolver: null, messages);
        Assert.That(messages, Is.Empty, "the reference schemas must compile cleanly");
        return set;
    }

    /// <summary>Per operation, the facts a client depends on: "binding ..." from the binding, the rest from the portType.</summary>
    private static SortedDictionary<string, SortedDictionary<string, string>> OperationFacts(XDocument wsdl)
    {
        var root = wsdl.Root!;
        var bindingOperations = root.Elements(Wsdl + "binding").Elements(Wsdl + "operation")
            .ToDictionary(o => (string)o.Attribute("name")!);
        var result = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var operation in root.Elements(Wsdl + "portType").Elements(Wsdl + "operation"))
        {
            var name = (string)operation.Attribute("name")!;
            var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var io in operation.Elements().Where(e => e.Name.Namespace == Wsdl && e.Name != Wsdl + "documentation"))
            {
                var kind = io.Name.LocalName;
                var parts = root.Elements(Wsdl + "message")
                    .Where(m => $"{{{Tns}}}{(string?)m.Attribute("name")}" == Resolve(io, "message"))
                    .Elements(Wsdl + "part").ToList();
                facts[$"{kind} name"] = (string?)io.Attribute("name") ?? "";
                facts[$"{kind} message"] = Resolve(io, "message");
                facts[$"{kind} element"] = string.Join(" ", parts.Select(p => Resolve(p, "element")));
                facts[$"{kind} part"] = string.Join(" ", parts.Select(p => (string?)p.Attribute("name")));
                facts[$"{kind} wsam:Action"] = (string?)io.Attribute(Wsam + "Action") ?? "";
                facts[$"{kind} wsaw:Action"] = (string?)io.Attribute(Wsaw + "Action") ?? "";
            }

            if (bindingOperations.TryGetValue(name, out var bound))
            {
                facts["binding soapAction"] = (string?)bound.Element(Soap11 + "operation")?.Attribute("soapAction") ?? "";
                facts["binding style"] = (string?)bound.Element(Soap11 + "operation")?.Attribute("style") ?? "";
                foreach (var io in bound.Elements().Where(e => e.Name.Namespace == Wsdl && e.Name != Wsdl + "documentation"))
                {
                    var body = io.Elements().SingleOrDefault(e => e.Name.Namespace == Soap11);
                    facts[$"binding {io.Name.LocalName} {(string?)io.Attribute("name")}"] =
                        $"{body?.Name.LocalName} name={(string?)body?.Attribute("name")} use={(string?)body?.Attribute("use")}";
                }
            }

            result[name] = facts;
        }

        return result;
    }

    private static List<string> Differences(
        SortedDictionary<string, SortedDictionary<string, string>> reference,
        SortedDictionary<string, SortedDictionary<string, string>> ours,
        Func<string, bool> include)
    {
        var differences = new List<string>();
        foreach (var (operation, expected) in reference)
        {
            var actual = ours.GetValueOrDefault(operation) ?? [];
            foreach (var key in expected.Keys.Union(actual.Keys).Where(include))
            {
                var (e, a) = (expected.GetValueOrDefault(key), actual.GetValueOrDefault(key));
                if (e != a)
                {
                    differences.Add($"{operation} {key}: reference '{e ?? "(none)"}', ours '{a ?? "(none)"}'");
                }
            }
        }

        return differences;
    }

    /// <summary>For each name whose description differs between the two sets, the first difference.</summary>
    private static List<string> StructureDifferences(
        IEnumerable<XmlQualifiedName> names,
        Func<XmlSchemaSet, XmlQualifiedName, IReadOnlyList<string>> describe,
        XmlSchemaSet reference,
        XmlSchemaSet ours)
    {
        var differences = new List<string>();
        foreach (var name in names)
        {
            if (SchemaStructure.FirstDifference(describe(reference, name), describe(ours, name)) is { } difference)
            {
                differences.Add($"{SchemaStructure.Name(name)}: {difference}");
            }
        }

        return differences;
    }

    private static List<XmlQualifiedName> PartElements(XDocument wsdl) =>
        wsdl.Root!.Elements(Wsdl + "message").Elements(Wsdl + "part")
            .Select(p => XName.Get(Resolve(p, "element")))
            .Select(n => new XmlQualifiedName(n.LocalName, n.NamespaceName))
            .Distinct()
            .OrderBy(SchemaStructure.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>The QName in an attribute, as "{namespace}local".</summary>
    private static string Resolve(XElement element, string attribute)
    {
        var value = (string?)element.Attribute(attribute) ?? "";
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "" : value[..colon];
        var ns = prefix.Length == 0 ? element.GetDefaultNamespace() : element.GetNamespaceOfPrefix(prefix);
        return $"{{{ns?.NamespaceName}}}{value[(colon + 1)..]}";
    }
}
