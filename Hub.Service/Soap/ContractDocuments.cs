using System.Security;
using System.Xml.Linq;

namespace Hub.Service.Soap;

/// <summary>
/// Serves a WSDL as it is committed, with only its soap:address location rewritten to the address the caller used.
/// </summary>
internal sealed class WsdlDocument
{
    private const string SoapBindingNamespace = "http://schemas.xmlsoap.org/wsdl/soap/";
    private readonly string _wsdlText;
    private readonly string _locationAttribute;

    public WsdlDocument(string wsdlPath)
    {
        _wsdlText = File.ReadAllText(wsdlPath);
        var location = XDocument.Parse(_wsdlText).Descendants(XName.Get("address", SoapBindingNamespace))
            .Select(a => (string?)a.Attribute("location")).SingleOrDefault()
            ?? throw new InvalidOperationException($"{wsdlPath} has no single soap:address location.");
        _locationAttribute = $"location=\"{location}\"";
        if (!_wsdlText.Contains(_locationAttribute, StringComparison.Ordinal))
            throw new InvalidOperationException($"{wsdlPath}: write the soap:address as location=\"...\".");
    }

    public string WsdlFor(HttpRequest request)
    {
        var address = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        return _wsdlText.Replace(_locationAttribute, $"location=\"{SecurityElement.Escape(address)}\"", StringComparison.Ordinal);
    }

}

/// <summary>The XSDs of one folder, served by file name only (no paths, nothing outside the folder).</summary>
internal sealed class SchemaFolder(string directory)
{
    private readonly Dictionary<string, byte[]> _schemas = Directory.EnumerateFiles(directory, "*.xsd")
        .ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes, StringComparer.Ordinal);

    public byte[]? Schema(string fileName) => _schemas.GetValueOrDefault(fileName);
}
