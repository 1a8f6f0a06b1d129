using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hub.Service.Security;

namespace Hub.Service.Tools;

/// <summary>
/// <c>dotnet run --project Hub.Service -- sign --pfx FILE [--password P] --in FILE --out FILE [--c14n exclusive|inclusive]
/// [--digest sha256|sha384|sha512]</c>: signs a certificate or permit (or PEM: <c>--cert FILE --key FILE</c>).
/// </summary>
internal static class SignCommand
{
    public const string Usage =
        "usage: sign (--pfx FILE [--password P] | --cert PEM --key PEM) --in FILE --out FILE [--c14n exclusive|inclusive] [--digest sha256|sha384|sha512]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is [] or ["--help"] or ["-h"])
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = Parse(args);
            using var certificate = LoadCertificate(options);
            var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            using (var reader = XmlReader.Create(Required(options, "in"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
                document.Load(reader);
            var c14n = options.GetValueOrDefault("c14n", "exclusive");
            if (c14n is not ("exclusive" or "inclusive")) throw new ArgumentException($"--c14n must be exclusive or inclusive, not '{c14n}'.");
            DocumentSigner.Sign(document, certificate, c14n == "exclusive", options.GetValueOrDefault("digest", "sha256"));
            // CR in text is written as &#xD;: the signature covers it, and a raw CR would be read back as LF.
            var settings = new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), NewLineHandling = NewLineHandling.Entitize };
            using (var writer = XmlWriter.Create(Required(options, "out"), settings))
                document.Save(writer);
            output.WriteLine($"signed {options["in"]} -> {options["out"]} with {certificate.Subject} (SHA-256 {EnvelopeSignatureVerifier.Thumbprint(certificate)})");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or XmlException or CryptographicException or UnauthorizedAccessException)
        {
            error.WriteLine($"sign: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"unexpected argument '{args[i]}'.");
            options[args[i][2..]] = args[++i];
        }
        var known = new[] { "pfx", "password", "cert", "key", "in", "out", "c14n", "digest" };
        if (options.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) throw new ArgumentException($"unknown option --{unknown}.");
        return options;
    }

    private static X509Certificate2 LoadCertificate(Dictionary<string, string> options)
    {
        if (options.TryGetValue("pfx", out var pfx))
            return X509CertificateLoader.LoadPkcs12FromFile(pfx, options.GetValueOrDefault("password"));
        if (options.TryGetValue("cert", out var cert) && options.TryGetValue("key", out var key))
            return X509Certificate2.CreateFromPemFile(cert, key);
        throw new ArgumentException("give --pfx FILE, or --cert and --key PEM files.");
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
}
