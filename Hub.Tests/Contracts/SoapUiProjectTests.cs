using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using static Hub.Tests.Contracts.ContractFiles;

namespace Hub.Tests.Contracts;

/// <summary>
/// soapui/Hub-soapui-project.xml, the SoapUI project we ship to IT teams: it must describe our contract exactly (the 27
/// operations of wsdl/DeliveryService.wsdl with their soapActions, the WSDL and XSDs it caches being our files), and
/// every request in it must be one the hub accepts as well-formed: the operation's wrapper element in
/// http://ephyto.ippc.int/, valid against schemas/*.xsd. Its test suite "Main exchange" must call existing operations.
/// (The requests are also sent to a running hub by Hub.Tests.Samples.SoapUiProjectExchangeTests.)
/// </summary>
[TestFixture]
public sealed partial class SoapUiProjectTests
{
    public static readonly XNamespace Con = "http://eviware.com/soapui/config";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace SoapEnvelope = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string Tns = "http://ephyto.ippc.int/";
    private const string VerificationNs = "urn:ephyto-hub:verification:1";
    private const string DeliveryInterface = "DeliveryServiceSoapBinding";
    private const string VerificationInterface = "VerificationServiceSoapBinding";
    private const string Host = "https://localhost:8443";

    public static string ProjectPath => Path.Combine(RepositoryRoot, "soapui", "Hub-soapui-project.xml");

    private XDocument _project = null!;

    [OneTimeSetUp]
    public void LoadProject() => _project = LoadXml(ProjectPath);

    [Test]
    public void TheProject_IsWellFormedXml_AsSoapUiWritesIt()
    {
        // LoadXml (no DTD, no resolver) already parsed it; the root and the parts SoapUI 5.x needs to open it.
        var root = _project.Root!;
        Assert.That(root.Name, Is.EqualTo(Con + "soapui-project"));
        Assert.That(root.Attribute("name")?.Value, Is.Not.Empty);
        Assert.That(root.Attribute("resourceRoot")?.Value, Is.EqualTo("${projectDir}"), "relative keystore paths resolve against the project's folder");
        Assert.That(root.Elements(Con + "interface").Select(i => (string?)i.Attribute(Xsi + "type")),
            Is.All.EqualTo("con:WsdlInterface"));
        Assert.That(root.Elements(Con + "interface").Select(i => i.Attribute("name")!.Value),
            Is.EqualTo(new[] { DeliveryInterface, VerificationInterface }));
    }

    [Test]
    public void TheDeliveryServiceInterface_HasExactlyTheWsdlsOperations_WithTheirSoapActions()
    {
        var wsdl = BindingOperations(LoadXml(OurWsdlPath));
        var soapUi = Interface(DeliveryInterface).Elements(Con + "operation")
            .ToDictionary(o => o.Attribute("name")!.Value, o => o.Attribute("action")!.Value);

        Assert.That(wsdl, Has.Count.EqualTo(27));
        Assert.That(soapUi, Is.EquivalentTo(wsdl), "same operation names, each with the binding's soapAction");
        Assert.That(soapUi["AdvancedAcknowledgeEnvelopeReceipt"], Is.EqualTo(Tns + "IDeliveryService/NegativeAcknowledgeEnvelopeReceipt"));

        var @interface = Interface(DeliveryInterface);
        Assert.That(@interface.Attribute("bindingName")!.Value, Is.EqualTo("{" + Tns + "}" + DeliveryInterface));
        Assert.That(@interface.Attribute("soapVersion")!.Value, Is.EqualTo("1_1"));
        Assert.That(@interface.Element(Con + "endpoints")!.Elements(Con + "endpoint").Select(e => e.Value),
            Is.EqualTo(new[] { Host + "/hub/DeliveryService" }));
    }

    [Test]
    public void TheVerificationServiceInterface_HasTheVerificationWsdlsOperation()
    {
        var wsdl = BindingOperations(LoadXml(Path.Combine(RepositoryRoot, "wsdl", "VerificationService.wsdl")));
        var soapUi = Interface(VerificationInterface).Elements(Con + "operation")
            .ToDictionary(o => o.Attribute("name")!.Value, o => o.Attribute("action")!.Value);
        Assert.That(soapUi, Is.EquivalentTo(wsdl));
    }

    [Test]
    public void EachInterface_HasOneRequestPerOperation()
    {
        foreach (var @interface in _project.Root!.Elements(Con + "interface"))
        {
            foreach (var operation in @interface.Elements(Con + "operation"))
            {
                Assert.That(operation.Elements(Con + "call").Count(), Is.EqualTo(1),
                    $"{@interface.Attribute("name")!.Value}.{operation.Attribute("name")!.Value}");
            }
        }
    }

    [Test]
    public void TheCachedDefinitions_AreOurWsdlsAndSchemas_AtTheAddressesTheHubServesThemFrom()
    {
        var expected = new Dictionary<string, (string Url, string File)[]>
        {
            [DeliveryInterface] =
            [
                (Host + "/hub/DeliveryService?wsdl", Path.Combine("wsdl", "DeliveryService.wsdl")),
                .. OurSchemaFiles.Select(f => ($"{Host}/schemas/{Path.GetFileName(f)}", Path.Combine("schemas", Path.GetFileName(f)))),
            ],
            [VerificationInterface] =
            [
                (Host + "/hub/VerificationService?wsdl", Path.Combine("wsdl", "VerificationService.wsdl")),
                (Host + "/schemas/hub-verification.xsd", Path.Combine("schemas", "hub-verification.xsd")),
            ],
        };
        foreach (var (name, files) in expected)
        {
            var @interface = Interface(name);
            var cache = @interface.Element(Con + "definitionCache")!;
            Assert.That(@interface.Attribute("definition")!.Value, Is.EqualTo(files[0].Url), name);
            Assert.That(cache.Attribute("rootPart")!.Value, Is.EqualTo(files[0].Url), name);
            var parts = cache.Elements(Con + "part").ToDictionary(p => p.Element(Con + "url")!.Value, p => p.Element(Con + "content")!.Value);
            Assert.That(parts.Keys, Is.EquivalentTo(files.Select(f => f.Url)), name);
            foreach (var (url, file) in files)
            {
                var committed = File.ReadAllText(Path.Combine(RepositoryRoot, file)).ReplaceLineEndings("\n");
                Assert.That(parts[url].ReplaceLineEndings("\n"), Is.EqualTo(committed),
                    $"The SoapUI project caches an outdated {file}: refresh the definition (SoapUI: Update Definition) or regenerate the cache.");
            }
        }
    }

    [Test]
    public void EveryRequest_IsItsOperationsWrapperElement_AndValidAgainstOurSchemas()
    {
        var schemas = CompileSchemas();
        var requests = Requests().ToList();
        Assert.That(requests, Has.Count.EqualTo(28 + MainExchangeRequestSteps().Count()), "27 + 1 interface requests and the test steps");

        var failures = new List<string>();
        foreach (var request in requests)
        {
            var body = BodyElement(request.Xml, out var problem);
            if (body is null)
            {
                failures.Add($"{request.Where}: {problem}");
                continue;
            }
            var expected = request.Interface == VerificationInterface ? XName.Get(request.Operation, VerificationNs) : XName.Get(request.Operation, Tns);
            if (body.Name != expected)
            {
                failures.Add($"{request.Where}: the body element is {body.Name}, not {expected}");
                continue;
            }
            var errors = new List<string>();
            new XDocument(body).Validate(schemas, (_, e) => errors.Add(e.Message));
            failures.AddRange(errors.Select(e => $"{request.Where}: {e}"));
        }
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [Test]
    public void EveryRequest_PresentsTheClientCertificateOfTheParticipantThatCalls()
    {
        // The keystores the project declares, by the label SoapUI selects them with (the file name of their source).
        var properties = ProjectProperties();
        var keystores = _project.Root!.Element(Con + "wssContainer")!.Elements(Con + "crypto")
            .ToDictionary(c => Path.GetFileName(Expand(c.Element(Con + "source")!.Value, properties)), c => c);
        Assert.That(keystores.Keys, Is.EquivalentTo(new[] { "nl.pfx", "ke.pfx" }));
        Assert.That(keystores.Values.Select(c => c.Element(Con + "password")!.Value), Is.All.EqualTo("hub-dev"));
        Assert.That(keystores.Values.Select(c => c.Element(Con + "type")!.Value), Is.All.EqualTo("KEYSTORE"));
        Assert.That(properties["nlKeystore"], Is.EqualTo("../Hub.Service/hub-data/certs/nl.pfx"));
        Assert.That(properties["keKeystore"], Is.EqualTo("../Hub.Service/hub-data/certs/ke.pfx"));
        Assert.That(properties["keystorePassword"], Is.EqualTo("hub-dev"));

        // The recipient (KE) lists, pulls and acknowledges; everything else is called by NL, the sender.
        string[] recipientOperations =
        [
            "GetImportEnvelopeHeaders", "PULLSingleImportEnvelope", "PULLImportEnvelope", "AcknowledgeEnvelopeReceipt",
            "AdvancedAcknowledgeEnvelopeReceipt", "AcknowledgeFailedEnvelopeReceipt", "SetTrackingInfoUpdate", "DeliverCountryResponseEnvelope",
        ];
        foreach (var request in Requests())
        {
            var expected = recipientOperations.Contains(request.Operation) ? "ke.pfx" : "nl.pfx";
            Assert.That(request.Keystore, Is.EqualTo(expected), request.Where);
        }
    }

    [Test]
    public void EveryProjectPropertyARequestUses_IsDeclared()
    {
        var declared = ProjectProperties().Keys.ToHashSet();
        var used = ProjectPropertyReference().Matches(File.ReadAllText(ProjectPath)).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.That(used, Is.SubsetOf(declared));
        Assert.That(used, Does.Contain("hubTrackingNumber"));
    }

    [Test]
    public void TheMainExchangeSuite_RunsTheExchange_OnExistingOperations_WithAssertions()
    {
        var suite = _project.Root!.Elements(Con + "testSuite").Single(s => s.Attribute("name")!.Value == "Main exchange");
        var steps = suite.Elements(Con + "testCase").Single().Elements(Con + "testStep").ToList();
        Assert.That(steps.Select(s => s.Attribute("type")!.Value + ":" + StepOperation(s)), Is.EqualTo(new[]
        {
            "request:DeliverEnvelope", "transfer:", "request:GetEnvelopeTrackingInfo", "request:GetImportEnvelopeHeaders",
            "request:PULLSingleImportEnvelope", "request:AcknowledgeEnvelopeReceipt", "request:GetEnvelopeTrackingInfo",
        }));

        var operations = _project.Root.Elements(Con + "interface")
            .SelectMany(i => i.Elements(Con + "operation").Select(o => (i.Attribute("name")!.Value, o.Attribute("name")!.Value)))
            .ToHashSet();
        foreach (var step in steps.Where(s => s.Attribute("type")!.Value == "request"))
        {
            var config = step.Element(Con + "config")!;
            var name = step.Attribute("name")!.Value;
            Assert.That(operations, Does.Contain((config.Element(Con + "interface")!.Value, config.Element(Con + "operation")!.Value)), name);
            var assertions = config.Element(Con + "request")!.Elements(Con + "assertion").Select(a => a.Attribute("type")!.Value).ToList();
            Assert.That(assertions, Does.Contain("SOAP Response").And.Contain("SOAP Fault Assertion"), $"{name}: SOAP Response and Not SOAP Fault");
            Assert.That(assertions.Intersect(["XPath Match", "Simple Contains"]), Is.Not.Empty, $"{name}: checks the answer's content");
        }

        // The transfer takes hubDeliveryNumber from DeliverEnvelope's answer into the project property the next steps use.
        var transfer = steps[1].Element(Con + "config")!.Element(Con + "transfers")!;
        Assert.That(transfer.Element(Con + "sourceStep")!.Value, Is.EqualTo(steps[0].Attribute("name")!.Value));
        Assert.That(transfer.Element(Con + "sourcePath")!.Value, Does.EndWith(":hubDeliveryNumber"));
        Assert.That(transfer.Element(Con + "targetStep")!.Value, Is.EqualTo("#Project#"));
        Assert.That(transfer.Element(Con + "targetType")!.Value, Is.EqualTo("hubTrackingNumber"));

        Assert.That(XPathMatches(steps[2]), Does.Contain("PendingDelivery"));
        Assert.That(XPathMatches(steps[6]), Does.Contain("Delivered"));
        // SoapUI compares a selected element as XML (markup and all), a selected text node as its value: the expected
        // contents here are values, so every path must select text.
        Assert.That(steps.Descendants(Con + "assertion").Where(a => a.Attribute("type")!.Value == "XPath Match")
            .Select(a => a.Element(Con + "configuration")!.Element("path")!.Value), Is.All.EndsWith("/text()"));
    }

    // ----- reading the project -----

    /// <summary>A request of the project: an interface's call or a test step's request.</summary>
    public sealed record SoapUiRequest(string Where, string Interface, string Operation, string Keystore, string Endpoint, string Action, string Xml);

    private XElement Interface(string name) =>
        _project.Root!.Elements(Con + "interface").Single(i => i.Attribute("name")!.Value == name);

    private IEnumerable<XElement> MainExchangeRequestSteps() =>
        _project.Root!.Descendants(Con + "testStep").Where(s => s.Attribute("type")!.Value == "request");

    private IEnumerable<SoapUiRequest> Requests() => Requests(_project);

    /// <summary>Every request in the project, with the keystore (client certificate) SoapUI sends it with.</summary>
    public static IEnumerable<SoapUiRequest> Requests(XDocument project)
    {
        var actions = project.Root!.Elements(Con + "interface")
            .SelectMany(i => i.Elements(Con + "operation").Select(o => (Key: (i.Attribute("name")!.Value, o.Attribute("name")!.Value), Action: o.Attribute("action")!.Value)))
            .ToDictionary(x => x.Key, x => x.Action);
        foreach (var @interface in project.Root.Elements(Con + "interface"))
        {
            var interfaceName = @interface.Attribute("name")!.Value;
            foreach (var call in @interface.Elements(Con + "operation").Elements(Con + "call"))
            {
                var operation = call.Parent!.Attribute("name")!.Value;
                yield return new SoapUiRequest($"{interfaceName}.{operation} '{call.Attribute("name")!.Value}'", interfaceName, operation,
                    call.Attribute("sslKeystore")?.Value ?? "", call.Element(Con + "endpoint")!.Value, actions[(interfaceName, operation)],
                    call.Element(Con + "request")!.Value);
            }
        }
        foreach (var step in project.Root.Descendants(Con + "testStep").Where(s => s.Attribute("type")!.Value == "request"))
        {
            var config = step.Element(Con + "config")!;
            var request = config.Element(Con + "request")!;
            var interfaceName = config.Element(Con + "interface")!.Value;
            var operation = config.Element(Con + "operation")!.Value;
            yield return new SoapUiRequest($"test step '{step.Attribute("name")!.Value}'", interfaceName, operation,
                request.Attribute("sslKeystore")?.Value ?? "", request.Element(Con + "endpoint")!.Value,
                actions.GetValueOrDefault((interfaceName, operation), ""), request.Element(Con + "request")!.Value);
        }
    }

    private Dictionary<string, string> ProjectProperties() =>
        _project.Root!.Element(Con + "properties")!.Elements(Con + "property")
            .ToDictionary(p => p.Element(Con + "name")!.Value, p => p.Element(Con + "value")!.Value);

    private static string Expand(string value, Dictionary<string, string> properties) =>
        ProjectPropertyReference().Replace(value, m => properties[m.Groups[1].Value]);

    private static string StepOperation(XElement step) =>
        step.Element(Con + "config")?.Element(Con + "operation")?.Value ?? "";

    private static IEnumerable<string> XPathMatches(XElement step) =>
        step.Descendants(Con + "assertion").Where(a => a.Attribute("type")!.Value == "XPath Match")
            .Select(a => a.Element(Con + "configuration")!.Element("content")!.Value);

    private static Dictionary<string, string> BindingOperations(XDocument wsdl) =>
        wsdl.Root!.Elements(Wsdl + "binding").Single().Elements(Wsdl + "operation")
            .ToDictionary(o => o.Attribute("name")!.Value, o => o.Element(Soap11 + "operation")!.Attribute("soapAction")!.Value);

    /// <summary>The single element of the SOAP 1.1 Body, or null with the reason.</summary>
    internal static XElement? BodyElement(string requestXml, out string? problem)
    {
        XDocument envelope;
        try
        {
            using var reader = XmlReader.Create(new StringReader(requestXml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            envelope = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            problem = $"not well-formed XML: {e.Message}";
            return null;
        }
        if (envelope.Root!.Name != SoapEnvelope + "Envelope")
        {
            problem = $"the root is {envelope.Root.Name}, not a SOAP 1.1 Envelope";
            return null;
        }
        var body = envelope.Root.Elements(SoapEnvelope + "Body").SingleOrDefault()?.Elements().ToList();
        problem = body is { Count: 1 } ? null : "the SOAP Body must hold exactly one element";
        return problem is null ? body![0] : null;
    }

    /// <summary>schemas/*.xsd: the IPPC contract's schemas and the VerificationService's.</summary>
    internal static XmlSchemaSet CompileSchemas()
    {
        var messages = new List<string>();
        var set = CompileOurSchemas(messages);
        using (var reader = XmlReader.Create(Path.Combine(OurSchemasFolder, "hub-verification.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            set.Add(VerificationNs, reader);
        set.Compile();
        Assert.That(messages, Is.Empty, string.Join("\n", messages));
        return set;
    }

    [GeneratedRegex(@"\$\{#Project#([A-Za-z0-9_]+)\}")]
    public static partial Regex ProjectPropertyReference();
}
