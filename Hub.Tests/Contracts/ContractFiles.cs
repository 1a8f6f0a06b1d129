using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using NUnit.Framework;

namespace Hub.Tests.Contracts;

/// <summary>
/// Where the contract files are (our wsdl/ and schemas/, and the IPPC reference WSDL beside the repository),
/// and how to load them without touching anything outside those places.
/// </summary>
internal static class ContractFiles
{
    public static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    public static readonly XNamespace Soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    public static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";
    public static readonly XNamespace Wsam = "http://www.w3.org/2007/05/addressing/metadata";
    public static readonly XNamespace Wsaw = "http://www.w3.org/2006/05/addressing/wsdl";

    private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

    /// <summary>The folder holding Hub.sln, found by walking up from the test output folder.</summary>
    public static string RepositoryRoot => s_repositoryRoot.Value;

    public static string OurWsdlPath => Path.Combine(RepositoryRoot, "wsdl", "DeliveryService.wsdl");

    public static string OurSchemasFolder => Path.Combine(RepositoryRoot, "schemas");

    public static string ReferenceWsdlPath => Path.GetFullPath(
        Path.Combine(RepositoryRoot, "..", "shared", "reference", "ephyto", "ippc-hub-DeliveryService.wsdl"));

    /// <summary>The hub's own services' schemas, which are not part of the IPPC contract (see wsdl/VerificationService.wsdl).</summary>
    public static readonly IReadOnlySet<string> HubOwnSchemas = new HashSet<string>(StringComparer.Ordinal) { "hub-verification.xsd" };

    /// <summary>The schema files of the IPPC DeliveryService contract (the hub's own services' schemas excluded).</summary>
    public static IReadOnlyList<string> OurSchemaFiles =>
        Directory.GetFiles(OurSchemasFolder, "*.xsd")
            .Where(f => !HubOwnSchemas.Contains(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A resolver that reads only files in our schemas/ folder.</summary>
    public static XmlResolver OurSchemasResolver() => new SchemaFolderResolver(OurSchemasFolder);

    public static XDocument LoadXml(string path)
    {
        using var reader = XmlReader.Create(path, SafeReaderSettings());
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    /// <summary>Compiles our XSD files; imports may only be resolved to files in our schemas/ folder.</summary>
    public static XmlSchemaSet CompileOurSchemas(ICollection<string> messages)
    {
        var set = NewSchemaSet(OurSchemasResolver(), messages);
        foreach (var file in OurSchemaFiles)
        {
            // Add(namespace, reader) skips a file that an earlier file already imported (same location).
            using var reader = XmlReader.Create(file, SafeReaderSettings());
            set.Add(targetNamespace: null, reader);
        }

        set.Compile();
        return set;
    }

    /// <summary>
    /// Compiles the xs:schema elements inside wsdl:types as one set. Relative schemaLocations are resolved against
    /// <paramref name="wsdlPath"/>, through <paramref name="resolver"/> (null: nothing is fetched).
    /// </summary>
    public static XmlSchemaSet CompileWsdlTypes(XDocument wsdl, string wsdlPath, XmlResolver? resolver, ICollection<string> messages)
    {
        var set = NewSchemaSet(resolver, messages);
        foreach (var schema in WsdlSchemas(wsdl))
        {
            using var reader = XmlReader.Create(new StringReader(schema.ToString()), SafeReaderSettings(), new Uri(wsdlPath).AbsoluteUri);
            set.Add(ReadSchema(reader, messages));
        }

        set.Compile();
        return set;
    }

    /// <summary>The xs:schema elements of wsdl:types, each carrying the namespace declarations in scope for it.</summary>
    public static IReadOnlyList<XElement> WsdlSchemas(XDocument wsdl)
    {
        var schemas = new List<XElement>();
        foreach (var original in wsdl.Root!.Elements(Wsdl + "types").Elements(Xs + "schema"))
        {
            var copy = new XElement(original);
            foreach (var declaration in original.Ancestors().Attributes().Where(a => a.IsNamespaceDeclaration))
            {
                if (copy.Attribute(declaration.Name) is null)
                {
                    copy.SetAttributeValue(declaration.Name, declaration.Value);
                }
            }

            schemas.Add(copy);
        }

        return schemas;
    }

    private static XmlSchema ReadSchema(XmlReader reader, ICollection<string> messages) =>
        XmlSchema.Read(reader, (_, e) => messages.Add(Describe(e)))
        ?? throw new XmlSchemaException($"Not a schema: {reader.BaseURI}");

    private static XmlSchemaSet NewSchemaSet(XmlResolver? resolver, ICollection<string> messages)
    {
        var set = new XmlSchemaSet { XmlResolver = resolver };
        set.ValidationEventHandler += (_, e) => messages.Add(Describe(e));
        return set;
    }

    private static XmlReaderSettings SafeReaderSettings() =>
        new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    private static string Describe(ValidationEventArgs e) =>
        $"{e.Severity}: {e.Message} ({e.Exception?.SourceUri} line {e.Exception?.LineNumber})";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder containing Hub.sln above {TestContext.CurrentContext.TestDirectory}.");
    }

    /// <summary>Resolves only files inside one folder; anything else (other folders, http) is refused.</summary>
    private sealed class SchemaFolderResolver(string folder) : XmlUrlResolver
    {
        private readonly string _folder = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var path = absoluteUri.IsFile ? Path.GetFullPath(absoluteUri.LocalPath) : null;
            if (path is null || !path.StartsWith(_folder, StringComparison.Ordinal))
            {
                throw new XmlException($"Refusing to resolve {absoluteUri}: only files under {_folder} may be read.");
            }

            return File.OpenRead(path);
        }
    }
}
