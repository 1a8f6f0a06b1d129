using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using Hub.Contracts;
using Hub.Tests.Contracts;
using Hub.Tests.Support;
using static Hub.Tests.Contracts.SoapUiProjectTests;

namespace Hub.Tests.Samples;

/// <summary>
/// The requests of soapui/Hub-soapui-project.xml sent to a real hub as SoapUI sends them (the operation's soapAction,
/// the participant of the request's SSL keystore, the project property hubTrackingNumber expanded): every interface
/// request gets the answer its operation should, and the test case of "Main exchange", replayed step by step with its
/// property transfer, passes its own assertions (SOAP Response, Not SOAP Fault, XPath Match, Contains).
/// </summary>
[TestFixture]
public sealed partial class SoapUiProjectExchangeTests
{
    private XDocument _project = null!;
    private HubProcess _hub = null!;
    private int _deliveries;

    [OneTimeSetUp]
    public async Task StartHub()
    {
        _project = ContractFiles.LoadXml(ProjectPath);
        _hub = await HubProcess.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopHub() => await _hub.DisposeAsync();

    [Test]
    public async Task EveryInterfaceRequest_GetsTheAnswerItsOperationShould()
    {
        var failures = new List<string>();
        foreach (var request in Requests(_project).Where(r => !r.Where.StartsWith("test step", StringComparison.Ordinal)))
        {
            var number = request.Xml.Contains("${#Project#hubTrackingNumber}", StringComparison.Ordinal) ? await DeliverFreshAsync() : null;
            var properties = new Dictionary<string, string>();
            if (number is not null) properties["hubTrackingNumber"] = number;
            var answer = await SendAsync(request, Expand(request.Xml, properties));
            var notYet = SampleFiles.NotYetAvailable.Contains(request.Operation);
            if (notYet && answer.FaultMessage != $"The operation {request.Operation} is not available on this hub yet.")
                failures.Add($"{request.Where}: expected the not-available fault, got\n{answer}");
            if (!notYet && (answer.Status != HttpStatusCode.OK || answer.IsFault))
                failures.Add($"{request.Where}: expected an answer without fault, got\n{answer}");
        }
        Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
    }

    [Test]
    public async Task TheMainExchangeTestCase_PassesItsOwnAssertions()
    {
        var properties = new Dictionary<string, string> { ["hubTrackingNumber"] = "not set yet" };
        var responses = new Dictionary<string, SoapAnswer>();
        var testCase = _project.Root!.Elements(Con + "testSuite").Single(s => s.Attribute("name")!.Value == "Main exchange").Element(Con + "testCase")!;
        var requests = Requests(_project).Where(r => r.Where.StartsWith("test step", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var step in testCase.Elements(Con + "testStep"))
        {
            var name = step.Attribute("name")!.Value;
            if (step.Attribute("type")!.Value == "transfer")
            {
                foreach (var transfer in step.Element(Con + "config")!.Elements(Con + "transfers"))
                {
                    Assert.That(transfer.Element(Con + "targetStep")!.Value, Is.EqualTo("#Project#"));
                    var source = responses[transfer.Element(Con + "sourceStep")!.Value];
                    var value = SelectText(source, transfer.Element(Con + "sourcePath")!.Value);
                    Assert.That(value, Is.Not.Null.And.Not.Empty, $"{name}: nothing at {transfer.Element(Con + "sourcePath")!.Value}");
                    properties[transfer.Element(Con + "targetType")!.Value] = value!;
                }
                continue;
            }

            var request = requests.Single(r => r.Where == $"test step '{name}'");
            var answer = await SendAsync(request, Expand(request.Xml, properties));
            responses[name] = answer;
            foreach (var assertion in step.Descendants(Con + "assertion"))
            {
                var failure = Check(assertion, answer, properties);
                if (failure is not null) failures.Add($"{name}, assertion '{assertion.Attribute("name")!.Value}': {failure}\n{answer}");
            }
        }
        Assert.That(failures, Is.Empty, string.Join("\n\n", failures));
        Assert.That(responses, Has.Count.EqualTo(6));
    }

    // ----- a small SoapUI -----

    /// <summary>One assertion of a SoapUI request step, or null when it holds.</summary>
    private static string? Check(XElement assertion, SoapAnswer answer, Dictionary<string, string> properties)
    {
        var configuration = assertion.Element(Con + "configuration");
        switch (assertion.Attribute("type")!.Value)
        {
            case "SOAP Response":
                return answer.Xml?.Root?.Name == XName.Get("Envelope", "http://schemas.xmlsoap.org/soap/envelope/") ? null : "not a SOAP 1.1 response";
            case "SOAP Fault Assertion":
                return answer.IsFault ? "the answer is a fault" : null;
            case "Simple Contains":
                var token = Expand(configuration!.Element("token")!.Value, properties);
                return answer.Text.Contains(token, StringComparison.Ordinal) ? null : $"does not contain '{token}'";
            case "XPath Match":
                var expected = Expand(configuration!.Element("content")!.Value, properties);
                var actual = SelectText(answer, Expand(configuration.Element("path")!.Value, properties));
                return actual == expected ? null : $"expected '{expected}', found '{actual}'";
            default:
                return $"this test does not know the assertion type {assertion.Attribute("type")!.Value}: teach it";
        }
    }

    /// <summary>Evaluates a SoapUI XPath ("declare namespace p='uri';" lines, then the path) to the text of the first node.</summary>
    private static string? SelectText(SoapAnswer answer, string soapUiXPath)
    {
        Assert.That(answer.Xml, Is.Not.Null, answer.ToString());
        var namespaces = new XmlNamespaceManager(new NameTable());
        var path = NamespaceDeclaration().Replace(soapUiXPath, m =>
        {
            namespaces.AddNamespace(m.Groups[1].Value, m.Groups[2].Value);
            return "";
        }).Trim();
        var result = ((IEnumerable<object>)answer.Xml!.XPathEvaluate(path, namespaces)).FirstOrDefault();
        return result switch
        {
            XText text => text.Value,
            XElement element => element.Value,
            XAttribute attribute => attribute.Value,
            _ => null,
        };
    }

    /// <summary>SoapUI's property expansion, as far as the project uses it.</summary>
    private static string Expand(string text, Dictionary<string, string> properties)
    {
        var expanded = ProjectPropertyReference().Replace(text, m => properties.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
        return expanded.Replace("${=System.currentTimeMillis()}",
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private Task<SoapAnswer> SendAsync(SoapUiRequest request, string xml)
    {
        Assert.That(request.Keystore, Does.Match(@"^[a-z]{2}\.pfx$"), request.Where);
        var participant = request.Keystore[..2];
        var path = new Uri(request.Endpoint).AbsolutePath;
        return SampleFiles.PostAsync(_hub, participant, path, $"\"{request.Action}\"", xml);
    }

    /// <summary>The project's own DeliverEnvelope request, with a certificate number of its own: a pending envelope for KE.</summary>
    private async Task<string> DeliverFreshAsync()
    {
        var deliver = Requests(_project).Single(r => r.Operation == HubOperations.DeliverEnvelope && !r.Where.StartsWith("test step", StringComparison.Ordinal));
        const string Shipped = "<hub:NPPOCertificateNumber>NL-2026-000001</hub:NPPOCertificateNumber>";
        Assert.That(deliver.Xml, Does.Contain(Shipped));
        var xml = deliver.Xml.Replace(Shipped, $"<hub:NPPOCertificateNumber>SOAPUI-{Interlocked.Increment(ref _deliveries)}</hub:NPPOCertificateNumber>", StringComparison.Ordinal);
        var answer = await SendAsync(deliver, xml);
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), answer.ToString());
        return answer.Value("hubDeliveryNumber")!;
    }

    [GeneratedRegex(@"declare\s+namespace\s+([A-Za-z_][\w.-]*)\s*=\s*'([^']*)'\s*;")]
    private static partial Regex NamespaceDeclaration();
}
