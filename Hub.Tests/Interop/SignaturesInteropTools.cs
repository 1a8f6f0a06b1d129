using System.Text;
using System.Text.Json;

using Hub.Tests.Support;

namespace Hub.Tests.Interop;

/// <summary>The XML-DSig algorithm identifiers the interoperability cases use.</summary>
internal static class SignaturesAlgorithms
{
    public const string Exclusive = "exclusive";
    public const string Inclusive = "inclusive";

    public static string C14N(string c14n) => c14n switch
    {
        Exclusive => "http://www.w3.org/2001/10/xml-exc-c14n#",
        Inclusive => "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
        _ => throw new ArgumentOutOfRangeException(nameof(c14n), c14n, "exclusive or inclusive"),
    };

    /// <summary>"rsa-sha256", "ecdsa-sha384", ... to the SignatureMethod URI.</summary>
    public static string SignatureMethod(string algorithm) => "http://www.w3.org/2001/04/xmldsig-more#" + algorithm;

    /// <summary>The DigestMethod URI for the hash of a signature algorithm name ("rsa-sha256" → SHA-256).</summary>
    public static string DigestMethod(string algorithm) => Hash(algorithm) switch
    {
        "sha256" => "http://www.w3.org/2001/04/xmlenc#sha256",
        "sha384" => "http://www.w3.org/2001/04/xmldsig-more#sha384",
        "sha512" => "http://www.w3.org/2001/04/xmlenc#sha512",
        var other => throw new ArgumentOutOfRangeException(nameof(algorithm), other, "sha256, sha384 or sha512"),
    };

    public static string Hash(string algorithm) => algorithm[(algorithm.IndexOf('-', StringComparison.Ordinal) + 1)..];

    public static bool IsEcdsa(string algorithm) => algorithm.StartsWith("ecdsa-", StringComparison.Ordinal);
}

/// <summary>
/// Debian's xmlsec1 command line (libxmlsec1 1.2.37 on libxml2 and OpenSSL). See Clients/xmlsec1/README.md.
/// </summary>
internal static class SignaturesXmlsec1
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static string Program()
    {
        var path = ChildProcess.FindOnPath("xmlsec1");
        if (path is null) ChildProcess.SkipOrFailInCi("xmlsec1 is not on PATH: apt-get install xmlsec1");
        return path!;
    }

    /// <summary>
    /// Signs <paramref name="xml"/>: the template (an empty ds:Signature with the algorithms) goes in as the last child
    /// of the root, the document otherwise byte for byte as given, and xmlsec1 fills in the digest, the signature value
    /// and the certificate. Returns the path of the signed document.
    /// </summary>
    public static async Task<string> SignAsync(string xml, SignaturesSigningKey key, string algorithm, string c14n,
        string directory, string name)
    {
        var template = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Clients", "xmlsec1", "signature-template.xml"))
            .Replace("@C14N@", SignaturesAlgorithms.C14N(c14n), StringComparison.Ordinal)
            .Replace("@SIGNATURE_METHOD@", SignaturesAlgorithms.SignatureMethod(algorithm), StringComparison.Ordinal)
            .Replace("@DIGEST_METHOD@", SignaturesAlgorithms.DigestMethod(algorithm), StringComparison.Ordinal);
        var templatePath = Path.Combine(directory, $"{name}.template.xml");
        var signedPath = Path.Combine(directory, $"{name}.xml");
        File.WriteAllText(templatePath, InsertBeforeRootEnd(xml, template.TrimEnd() + "\n"), new UTF8Encoding(false));

        var result = await ChildProcess.RunAsync(Program(),
            ["--sign", "--privkey-pem", $"{key.PrivateKeyPemPath},{key.CertificatePemPath}", "--output", signedPath, templatePath],
            directory, s_timeout);
        Assert.That(result.Succeeded && File.Exists(signedPath), Is.True, $"xmlsec1 could not sign {name}:\n{result}");
        return signedPath;
    }

    /// <summary>
    /// Verifies with the signer's certificate as the only trust anchor, the key taken only from the embedded X.509
    /// certificate, and only the empty Reference URI allowed. Exit code 0 means valid.
    /// </summary>
    public static Task<ProcessResult> VerifyAsync(string signedPath, string certificatePemPath) =>
        ChildProcess.RunAsync(Program(),
            ["--verify", "--trusted-pem", certificatePemPath, "--enabled-key-data", "x509", "--enabled-reference-uris", "empty", signedPath],
            Path.GetDirectoryName(signedPath)!, s_timeout);

    private static string InsertBeforeRootEnd(string xml, string fragment)
    {
        var end = xml.LastIndexOf("</", StringComparison.Ordinal);
        Assert.That(end, Is.GreaterThan(0), "the document has no end tag");
        return string.Concat(xml.AsSpan(0, end), fragment, xml.AsSpan(end));
    }
}

/// <summary>One line of sign.js or verify.js output.</summary>
internal sealed record SignaturesXmlCryptoResult(string Id, bool Ok, string? Error);

/// <summary>
/// npm's xml-crypto (6.x, pinned by Clients/xmlcrypto/package-lock.json) through Clients/xmlcrypto/sign.js and
/// verify.js, one node process per batch of documents. The packages come from node_modules beside the scripts in the
/// test output (copied there when `npm ci` ran in the source folder), or from `npm ci` run there once per test run.
/// </summary>
internal sealed class SignaturesXmlCrypto
{
    private static readonly TimeSpan s_nodeTimeout = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private static SignaturesXmlCrypto? s_installed;
    private static string? s_installFailure;

    private readonly string _node;
    private readonly string _directory;

    private SignaturesXmlCrypto(string node, string directory)
    {
        _node = node;
        _directory = directory;
    }

    /// <summary>xml-crypto ready to run, or the test skipped (failed in CI) with the reason.</summary>
    public static async Task<SignaturesXmlCrypto> GetAsync()
    {
        await s_install.WaitAsync();
        try
        {
            if (s_installed is not null) return s_installed;
            s_installFailure ??= await InstallAsync();
            if (s_installFailure is null) return s_installed!;
        }
        finally
        {
            s_install.Release();
        }
        ChildProcess.SkipOrFailInCi(s_installFailure);
        return null!; // unreachable: SkipOrFailInCi throws
    }

    /// <summary>Null when installed (<see cref="s_installed"/> set), else why not.</summary>
    private static async Task<string?> InstallAsync()
    {
        var node = ChildProcess.FindOnPath("node");
        if (node is null) return "node is not on PATH: apt-get install nodejs npm";
        var directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "Clients", "xmlcrypto");

        if (await NodePackages.EnsureInstalledAsync(directory, "xml-crypto") is { } notInstalled) return notInstalled;
        s_installed = new SignaturesXmlCrypto(node, directory);
        return null;
    }

    /// <summary>Runs sign.js over all <paramref name="jobs"/> in one node process.</summary>
    public Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>> SignAsync(IEnumerable<object> jobs, string workDirectory) =>
        RunAsync("sign.js", "ok", jobs, workDirectory);

    /// <summary>Runs verify.js over all <paramref name="jobs"/> in one node process.</summary>
    public Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>> VerifyAsync(IEnumerable<object> jobs, string workDirectory) =>
        RunAsync("verify.js", "valid", jobs, workDirectory);

    private async Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>> RunAsync(string script, string outcome,
        IEnumerable<object> jobs, string workDirectory)
    {
        var list = jobs.ToList();
        var jobsPath = Path.Combine(workDirectory, $"xmlcrypto-{Path.GetFileNameWithoutExtension(script)}-jobs.json");
        File.WriteAllText(jobsPath, JsonSerializer.Serialize(list));
        var result = await ChildProcess.RunAsync(_node, [Path.Combine(_directory, script), jobsPath], _directory, s_nodeTimeout);
        await TestContext.Out.WriteLineAsync($"xml-crypto {script}, {list.Count} document(s):\n{result}");

        var results = new Dictionary<string, SignaturesXmlCryptoResult>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{')) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("id").GetString()!;
            results[id] = new SignaturesXmlCryptoResult(id, root.GetProperty(outcome).GetBoolean(),
                root.TryGetProperty("error", out var error) ? error.GetString() : null);
        }
        if (result.TimedOut || results.Count != list.Count)
            throw new InvalidOperationException($"xml-crypto {script} answered for {results.Count} of {list.Count} documents:\n{result}");
        return results;
    }
}

/// <summary>The hub's own sign command, run as the built Hub.Service.dll in the test output folder.</summary>
internal static class SignaturesHubCli
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    public static Task<ProcessResult> SignAsync(IEnumerable<string> arguments)
    {
        var output = TestContext.CurrentContext.TestDirectory;
        var service = Path.Combine(output, "Hub.Service.dll");
        Assert.That(File.Exists(service), Is.True, $"Hub.Service.dll is not in the test output folder {output}");
        // The dotnet host the test runs under (DOTNET_HOST_PATH is set by the dotnet CLI), else the one on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : "dotnet";
        return ChildProcess.RunAsync(host, [service, "sign", .. arguments], output, s_timeout);
    }
}
