using System.Xml.Linq;
using Hub.Tests.Support;

namespace Hub.Tests.Endpoint;

/// <summary>The contract files are served as committed, with only soap:address rewritten to the address the caller used.</summary>
public sealed class WsdlEndpointTests
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace WsdlSoap = "http://schemas.xmlsoap.org/wsdl/soap/";

    [Test]
    public async Task TheServedWsdl_IsTheCommittedFile_WithTheCallersAddress()
    {
        await using var hub = await HubProcess.StartAsync();
        using var client = new SoapTestClient(hub, "NL");
        var served = XDocument.Parse(await client.Http.GetStringAsync(new Uri(hub.ServiceAddress + "?wsdl")));
        var committed = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "wsdl", "DeliveryService.wsdl"));

        var address = served.Descendants(WsdlSoap + "address").Single();
        Assert.That(address.Attribute("location")?.Value, Is.EqualTo(hub.ServiceAddress.ToString()));
        address.SetAttributeValue("location", committed.Descendants(WsdlSoap + "address").Single().Attribute("location")!.Value);
        Assert.That(XNode.DeepEquals(served, committed), Is.True, "only soap:address may differ");

        foreach (var import in served.Descendants().Where(e => e.Name.LocalName == "import" && e.Attribute("schemaLocation") is not null))
        {
            var schemaUri = new Uri(hub.ServiceAddress, import.Attribute("schemaLocation")!.Value);
            var schema = XDocument.Parse(await client.Http.GetStringAsync(schemaUri));
            Assert.That(schema.Root!.Name.LocalName, Is.EqualTo("schema"), schemaUri.ToString());
        }
        using var missing = await client.Http.GetAsync(new Uri(hub.BaseAddress, "schemas/..%2Fappsettings.json"));
        Assert.That((int)missing.StatusCode, Is.EqualTo(404));
    }
}
