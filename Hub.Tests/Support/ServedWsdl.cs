using System.Xml.Linq;

namespace Hub.Tests.Support;

/// <summary>
/// The WSDL as a running hub serves it (GET /hub/DeliveryService?wsdl over mutual TLS, soap:address already the hub's),
/// saved with the XSDs it imports into a folder laid out like the server's paths (hub/DeliveryService.wsdl,
/// schemas/*.xsd), so that a client generator given the file resolves the imports as it would over HTTP.
/// </summary>
public static class ServedWsdl
{
    /// <summary>Downloads the served WSDL and every XSD it reaches; returns the local WSDL path.</summary>
    public static async Task<string> DownloadAsync(HubProcess hub, string? folder = null, string service = "DeliveryService")
    {
        folder ??= Directory.CreateTempSubdirectory("served-wsdl-").FullName;
        using var client = new SoapTestClient(hub, "NL");
        var wsdlUri = new Uri(hub.BaseAddress, $"hub/{service}?wsdl");
        var wsdlPath = Path.Combine(folder, "hub", service + ".wsdl");
        var pending = new Queue<(Uri Uri, string Path)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        pending.Enqueue((wsdlUri, wsdlPath));
        while (pending.Count > 0)
        {
            var (uri, path) = pending.Dequeue();
            if (!seen.Add(uri.GetLeftPart(UriPartial.Path))) continue;
            var text = await client.Http.GetStringAsync(uri);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
            foreach (var location in XDocument.Parse(text).Descendants()
                         .Where(e => e.Name.LocalName is "import" or "include")
                         .Select(e => (string?)e.Attribute("schemaLocation"))
                         .OfType<string>())
            {
                var next = new Uri(uri, location);
                pending.Enqueue((next, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, location))));
            }
        }
        return wsdlPath;
    }
}
