using System.Text;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Interop.SignaturesAlgorithms;

using Hub.Tests.Support;

namespace Hub.Tests.Interop;

/// <summary>
/// Interoperability of the hub's enveloped XML-DSig signatures with two independent implementations, both ways
/// (protocol.md section 4; issue 3): documents signed by Debian's xmlsec1 (libxmlsec1 on libxml2 and OpenSSL) and by
/// npm's xml-crypto are Valid in the hub's verifier, and documents signed by the hub — DocumentSigner in-process and the
/// `sign` command of the built Hub.Service.dll — verify in xmlsec1 and in xml-crypto. Each direction also has its
/// negative: a document changed after signing must fail, so none of these tests can pass by accepting everything.
/// The documents are the IPPC sample ePhyto (attachments shrunk) and the CITES permit of the EPIX v2 sample response.
/// xml-crypto 6.x implements neither ECDSA nor SHA-384, so its cases are RSA with SHA-256 or SHA-512.
/// A missing tool is a skip on a developer's machine and a failure in CI (CI=true).
/// </summary>
[TestFixture]
public sealed partial class SignatureInteropTests
{
    private const string EPhyto = SignaturesSamples.EPhyto;
    private const string Cites = SignaturesSamples.Cites;
    private const string InProcess = "in-process";
    private const string CliPfx = "cli-pfx";
    private const string CliPem = "cli-pem";
    private const string OtherCertificateCase = "in-process/ephyto/rsa-sha256/exclusive";

    /// <summary>What the hub signs, and how: (via, sample, algorithm, c14n). The algorithm follows from key and --digest.</summary>
    private static readonly (string Via, string Sample, string Algorithm, string C14n)[] s_hubCases =
    [
        (InProcess, EPhyto, "rsa-sha256", Exclusive),
        (InProcess, EPhyto, "rsa-sha256", Inclusive),
        (InProcess, EPhyto, "ecdsa-sha256", Exclusive),
        (InProcess, EPhyto, "ecdsa-sha256", Inclusive),
        (InProcess, Cites, "rsa-sha256", Exclusive),
        (InProcess, Cites, "rsa-sha256", Inclusive),
        (InProcess, Cites, "ecdsa-sha256", Exclusive),
        (InProcess, Cites, "ecdsa-sha256", Inclusive),
        (InProcess, EPhyto, "rsa-sha512", Exclusive),
        (InProcess, Cites, "ecdsa-sha384", Inclusive),
        (CliPfx, EPhyto, "rsa-sha256", Exclusive),
        (CliPfx, Cites, "rsa-sha256", Inclusive),
        (CliPem, EPhyto, "ecdsa-sha256", Inclusive),
        (CliPem, Cites, "rsa-sha512", Exclusive),
    ];

    /// <summary>What xml-crypto signs: (sample, algorithm, c14n, prefix of the ds elements; "" for xml-crypto's default).</summary>
    private static readonly (string Sample, string Algorithm, string C14n, string Prefix)[] s_xmlCryptoCases =
    [
        (EPhyto, "rsa-sha256", Exclusive, ""),
        (EPhyto, "rsa-sha256", Inclusive, ""),
        (Cites, "rsa-sha256", Exclusive, ""),
        (Cites, "rsa-sha256", Inclusive, ""),
        (EPhyto, "rsa-sha512", Exclusive, ""),
        (Cites, "rsa-sha256", Inclusive, "ds"),
    ];

    private readonly Dictionary<string, SignaturesSample> _samples = new(StringComparer.Ordinal);
    private string _work = null!;
    private SignaturesSigningKey _rsa = null!;
    private SignaturesSigningKey _ecdsa = null!;
    private SignaturesSigningKey _otherRsa = null!;
    private Task<IReadOnlyDictionary<string, string>>? _hubSigned;
    private Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>>? _xmlCryptoSigned;
    private Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>>? _xmlCryptoVerified;

    [OneTimeSetUp]
    public void CreateKeys()
    {
        _work = Directory.CreateTempSubdirectory("hub-signature-interop-").FullName;
        _rsa = SignaturesSigningKey.Create(_work, "rsa", ecdsa: false);
        _ecdsa = SignaturesSigningKey.Create(_work, "ecdsa", ecdsa: true);
        _otherRsa = SignaturesSigningKey.Create(_work, "other-rsa", ecdsa: false);
    }

    [OneTimeTearDown]
    public void Cleanup()
    {
        _rsa.Dispose();
        _ecdsa.Dispose();
        _otherRsa.Dispose();
        // Kept for a look when a test failed, or on request (HUB_SIGNATURE_INTEROP_KEEP=1).
        if (TestContext.CurrentContext.Result.FailCount == 0 && Environment.GetEnvironmentVariable("HUB_SIGNATURE_INTEROP_KEEP") != "1")
            Directory.Delete(_work, recursive: true);
        else
            TestContext.Progress.WriteLine($"signature interop: documents and keys kept in {_work}");
    }

    // ---- batches and helpers -----------------------------------------------------------------------------------------

    private SignaturesSample Sample(string name)
    {
        if (!_samples.TryGetValue(name, out var sample)) _samples[name] = sample = SignaturesSamples.Get(name);
        return sample;
    }

    private SignaturesSigningKey KeyFor(string algorithm) => IsEcdsa(algorithm) ? _ecdsa : _rsa;

    private static string HubCaseId((string Via, string Sample, string Algorithm, string C14n) c) => $"{c.Via}/{c.Sample}/{c.Algorithm}/{c.C14n}";

    private static string XmlCryptoCaseId(string sample, string algorithm, string c14n, string prefix) =>
        $"{sample}/{algorithm}/{c14n}{(prefix.Length > 0 ? $"/prefix-{prefix}" : "")}";

    private string XmlCryptoSignedPath(string id) => Path.Combine(_work, $"xmlcrypto-{FileName(id)}.xml");

    private static string FileName(string id) => id.Replace('/', '-').Replace('+', '-').Replace(':', '-');

    private static string ReadSigned(string path) => File.ReadAllText(path, Encoding.UTF8);

    private static string WriteSigned(string path, string xml)
    {
        File.WriteAllText(path, xml, new UTF8Encoding(false));
        return path;
    }

    private async Task<(string Path, SignaturesSigningKey Key)> HubSignedAsync(string hubCase)
    {
        var all = await HubSigned();
        Assert.That(all.ContainsKey(hubCase), Is.True, $"unknown hub case {hubCase}");
        var algorithm = hubCase.Split('/')[2];
        return (all[hubCase], KeyFor(algorithm));
    }

    /// <summary>
    /// Every hub case signed once (the CLI runs side by side), and each also altered after signing: id → file, and
    /// "id+altered" → file.
    /// </summary>
    private Task<IReadOnlyDictionary<string, string>> HubSigned() => _hubSigned ??= SignAllWithTheHubAsync();

    private async Task<IReadOnlyDictionary<string, string>> SignAllWithTheHubAsync()
    {
        var signed = new Dictionary<string, string>(StringComparer.Ordinal);
        var cli = new List<Task<(string Id, string Path, ProcessResult Result)>>();
        foreach (var c in s_hubCases)
        {
            var id = HubCaseId(c);
            var key = KeyFor(c.Algorithm);
            var output = Path.Combine(_work, $"hub-{FileName(id)}.xml");
            if (c.Via == InProcess)
            {
                var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
                document.LoadXml(Sample(c.Sample).Xml);
                DocumentSigner.Sign(document, key.Certificate, exclusive: c.C14n == Exclusive, digest: Hash(c.Algorithm));
                signed[id] = WriteSigned(output, document.OuterXml);
                continue;
            }
            var input = WriteSigned(Path.Combine(_work, $"hub-{FileName(id)}.unsigned.xml"), Sample(c.Sample).Xml);
            string[] keyArguments = c.Via == CliPfx
                ? ["--pfx", key.PfxPath, "--password", SignaturesSigningKey.PfxPassword]
                : ["--cert", key.CertificatePemPath, "--key", key.PrivateKeyPemPath];
            cli.Add(RunCli(id, output, [.. keyArguments, "--in", input, "--out", output, "--c14n", c.C14n, "--digest", Hash(c.Algorithm)]));
        }
        foreach (var (id, path, result) in await Task.WhenAll(cli))
        {
            if (!result.Succeeded || !File.Exists(path) || !result.StandardOutput.StartsWith("signed ", StringComparison.Ordinal))
                throw new InvalidOperationException($"the hub's sign command failed for {id}:\n{result}");
            signed[id] = path;
        }
        foreach (var c in s_hubCases)
        {
            var id = HubCaseId(c);
            signed[$"{id}+altered"] = WriteSigned(signed[id].Replace(".xml", ".altered.xml", StringComparison.Ordinal),
                Sample(c.Sample).Alter(ReadSigned(signed[id])));
        }
        return signed;

        static async Task<(string, string, ProcessResult)> RunCli(string id, string output, string[] arguments) =>
            (id, output, await SignaturesHubCli.SignAsync(arguments));
    }

    /// <summary>Every xml-crypto case signed in one node process: case id → sign.js result (file at XmlCryptoSignedPath).</summary>
    private Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>> XmlCryptoSignedAsync() =>
        _xmlCryptoSigned ??= SignAllWithXmlCryptoAsync();

    private async Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>> SignAllWithXmlCryptoAsync()
    {
        var xmlCrypto = await SignaturesXmlCrypto.GetAsync();
        var jobs = new List<object>();
        foreach (var (sample, algorithm, c14n, prefix) in s_xmlCryptoCases)
        {
            var id = XmlCryptoCaseId(sample, algorithm, c14n, prefix);
            var input = WriteSigned(Path.Combine(_work, $"xmlcrypto-{FileName(id)}.unsigned.xml"), Sample(sample).Xml);
            jobs.Add(new
            {
                id,
                @in = input,
                @out = XmlCryptoSignedPath(id),
                key = _rsa.PrivateKeyPemPath,
                cert = _rsa.CertificatePemPath,
                c14n,
                signatureAlgorithm = SignatureMethod(algorithm),
                digestAlgorithm = DigestMethod(algorithm),
                prefix,
            });
        }
        return await xmlCrypto.SignAsync(jobs, _work);
    }

    /// <summary>
    /// Everything xml-crypto verifies, in one node process: the hub-signed RSA documents ("hub:"), their altered copies
    /// ("hub-altered:"), one under a certificate that did not sign it ("hub-other-certificate:"), and xml-crypto's own
    /// signatures ("self:").
    /// </summary>
    private Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>> XmlCryptoVerifiedAsync() =>
        _xmlCryptoVerified ??= VerifyAllWithXmlCryptoAsync();

    private async Task<IReadOnlyDictionary<string, SignaturesXmlCryptoResult>> VerifyAllWithXmlCryptoAsync()
    {
        var xmlCrypto = await SignaturesXmlCrypto.GetAsync();
        var hubSigned = await HubSigned();
        var jobs = new List<object>();
        foreach (var id in HubRsaCases())
        {
            jobs.Add(new { id = $"hub:{id}", file = hubSigned[id], cert = _rsa.CertificatePemPath });
            jobs.Add(new { id = $"hub-altered:{id}", file = hubSigned[$"{id}+altered"], cert = _rsa.CertificatePemPath });
        }
        jobs.Add(new { id = $"hub-other-certificate:{OtherCertificateCase}", file = hubSigned[OtherCertificateCase], cert = _otherRsa.CertificatePemPath });
        var xmlCryptoSigned = await XmlCryptoSignedAsync();
        foreach (var (id, result) in xmlCryptoSigned)
        {
            if (result.Ok) jobs.Add(new { id = $"self:{id}", file = XmlCryptoSignedPath(id), cert = _rsa.CertificatePemPath });
        }
        return await xmlCrypto.VerifyAsync(jobs, _work);
    }
}
