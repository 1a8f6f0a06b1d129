using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Hub.Service.Security;
using Microsoft.Extensions.Options;

namespace Hub.Bench;

/// <summary>
/// One whole verification as the hub does it at delivery: the Content string parsed safely (ContentDocument), the
/// named structural checks, the certificate checks, then digest and SignatureValue — with the hub's fast path
/// (default) and with SignedXml (the reference). Verifications per second = 1 / Mean. One thread.
/// </summary>
[MemoryDiagnoser]
public class VerificationBenchmarks
{
    private string _content = "";
    private IReadOnlyList<X509Certificate2> _registered = [];
    private EnvelopeSignatureVerifier _fast = null!;
    private EnvelopeSignatureVerifier _reference = null!;

    [Params(BenchDocuments.EPhyto25K, BenchDocuments.EPhyto220K, BenchDocuments.Synthetic1M)]
    public string Document { get; set; } = BenchDocuments.EPhyto25K;

    [GlobalSetup]
    public void Setup()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Bench NPPO signing, O=Hub Bench, C=NZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        var document = BenchDocuments.Parse(BenchDocuments.Unsigned(Document));
        DocumentSigner.Sign(document, certificate);
        _content = document.OuterXml;
        _registered = [X509CertificateLoader.LoadCertificate(certificate.RawData)];
        var options = Options.Create(new SignatureOptions());
        _fast = new EnvelopeSignatureVerifier(options, new FastSignatureCryptography());
        _reference = new EnvelopeSignatureVerifier(options, new ReferenceSignatureCryptography());
        if (Fast() != SignatureVerdict.Valid || Reference() != SignatureVerdict.Valid)
            throw new InvalidOperationException($"{Document}: the benchmark document does not verify");
    }

    [Benchmark(Description = "Hub fast path")]
    public SignatureVerdict Fast() => _fast.Verify(ContentDocument.TryParse(_content, out _)!, _registered, DateTimeOffset.UtcNow).Verdict;

    [Benchmark(Baseline = true, Description = "SignedXml")]
    public SignatureVerdict Reference() => _reference.Verify(ContentDocument.TryParse(_content, out _)!, _registered, DateTimeOffset.UtcNow).Verdict;
}
