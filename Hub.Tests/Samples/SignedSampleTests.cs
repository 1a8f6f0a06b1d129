using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hub.Service.Security;
using Microsoft.Extensions.Options;

namespace Hub.Tests.Samples;

/// <summary>
/// The signed sample ePhyto and CITES permit of samples/, checked by the hub's own verifier (the fast cryptography the
/// service uses, on the document as ContentDocument parses an envelope's Content) against the committed sample signing
/// certificate: Valid, and still Valid until that certificate expires (the samples state no signing time); Invalid
/// against any other certificate or once altered. The unsigned files beside them are what was signed, so that
/// re-signing them (samples/README.md) reproduces the samples.
/// </summary>
[TestFixture]
public sealed class SignedSampleTests
{
    private static readonly string[] SignedSamples = [SampleFiles.SignedEPhyto, SampleFiles.SignedCitesPermit];

    private static EnvelopeSignatureVerifier Verifier() =>
        new(Options.Create(new SignatureOptions()), new FastSignatureCryptography());

    private static XmlDocument Parse(string content) =>
        ContentDocument.TryParse(content, out var reason) ?? throw new AssertionException($"ContentDocument refused the sample: {reason}");

    private static VerificationResult Verify(string content, X509Certificate2 registered, DateTimeOffset? at = null) =>
        Verifier().Verify(Parse(content), [registered], at ?? DateTimeOffset.UtcNow);

    [TestCaseSource(nameof(SignedSamples))]
    public void SignedSample_IsValid_AgainstTheSampleSigningCertificate(string name)
    {
        using var certificate = SampleFiles.SampleSigningCertificate();
        var result = Verify(SampleFiles.Read(name), certificate);
        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), $"{result.Check}: {result.Reason}");
        Assert.That(result.SignerThumbprint, Is.EqualTo(EnvelopeSignatureVerifier.Thumbprint(certificate)));
        Assert.That(result.Reason, Is.EqualTo("The signature is valid."), "no comments or processing instructions outside the signature's reach");
    }

    [TestCaseSource(nameof(SignedSamples))]
    public void SignedSample_StatesNoSigningTime_SoItStaysValidUntilTheSampleCertificateExpires(string name)
    {
        using var certificate = SampleFiles.SampleSigningCertificate();
        var lastDay = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).AddDays(-1);
        Assert.That(Verify(SampleFiles.Read(name), certificate, lastDay).Verdict, Is.EqualTo(SignatureVerdict.Valid));
        var afterExpiry = Verify(SampleFiles.Read(name), certificate, lastDay.AddDays(2));
        Assert.That((afterExpiry.Verdict, afterExpiry.Check), Is.EqualTo((SignatureVerdict.Invalid, "certificate-validity")));
    }

    [TestCaseSource(nameof(SignedSamples))]
    public void SignedSample_IsInvalid_AgainstAnotherSigningCertificate(string name)
    {
        // What a hub answers until the sample certificate is registered: the signer is not one of the sender's.
        using var key = RSA.Create(2048);
        using var other = new CertificateRequest("CN=NL sample NPPO document signing", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var result = Verify(SampleFiles.Read(name), other);
        Assert.That((result.Verdict, result.Check), Is.EqualTo((SignatureVerdict.Invalid, "certificate-registered")), result.Reason);
    }

    [TestCaseSource(nameof(SignedSamples))]
    public void SignedSample_AlteredAfterSigning_IsInvalid(string name)
    {
        // The importing country of either document, changed by one letter: the digest no longer matches.
        var signed = SampleFiles.Read(name);
        var at = signed.IndexOf(">Kenya<", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0));
        using var certificate = SampleFiles.SampleSigningCertificate();
        var result = Verify(string.Concat(signed.AsSpan(0, at), ">Kenia<", signed.AsSpan(at + 7)), certificate);
        Assert.That((result.Verdict, result.Check), Is.EqualTo((SignatureVerdict.Invalid, "digest")), result.Reason);
    }

    [TestCaseSource(nameof(SignedSamples))]
    public void SignedSample_IsItsUnsignedFile_PlusOneEnvelopedSignature(string name)
    {
        var signed = Parse(SampleFiles.Read(name));
        var unsigned = Parse(SampleFiles.Read(name.Replace(".signed.xml", ".xml", StringComparison.Ordinal)));
        var signatures = signed.GetElementsByTagName("Signature", EnvelopeSignatureVerifier.DsigNamespace).OfType<XmlElement>().ToList();
        Assert.That(signatures, Has.Count.EqualTo(1));
        Assert.That(signatures[0].ParentNode, Is.SameAs(signed.DocumentElement));
        signed.DocumentElement!.RemoveChild(signatures[0]);
        Assert.That(signed.DocumentElement.OuterXml, Is.EqualTo(unsigned.DocumentElement!.OuterXml));
    }

    [Test]
    public void TheSampleSigningCertificate_IsSelfSignedForTenYears_AndItsCommittedKeyIsMarkedPublic()
    {
        var folder = Path.Combine(SampleFiles.Folder, "certs");
        using var certificate = SampleFiles.SampleSigningCertificate();
        Assert.That(certificate.Subject, Is.EqualTo(certificate.Issuer), "self-signed");
        Assert.That(certificate.NotAfter - certificate.NotBefore, Is.GreaterThanOrEqualTo(TimeSpan.FromDays(3652)));
        Assert.That(certificate.Subject, Does.Contain("PUBLIC TEST KEY"));

        var keyFile = Path.Combine(folder, "sample-signing.public-test-key.pem");
        Assert.That(File.ReadAllText(keyFile), Does.StartWith("PUBLIC TEST KEY"));
        using var withKey = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "sample-signing.crt.pem"), keyFile);
        Assert.That(withKey.HasPrivateKey, Is.True, "the committed key is the certificate's own");
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "sample-signing.crt.pem", "sample-signing.public-test-key.pem" }), "no other key material in samples/certs");
    }
}
