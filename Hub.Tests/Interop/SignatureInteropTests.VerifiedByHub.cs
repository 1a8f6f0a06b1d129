using Hub.Service.Security;
using static Hub.Tests.Interop.SignaturesAlgorithms;

namespace Hub.Tests.Interop;

public sealed partial class SignatureInteropTests
{
    // ---- 1. Documents signed by xmlsec1 and xml-crypto verify in the hub ---------------------------------------------

    [TestCase(EPhyto, "rsa-sha256", Exclusive)]
    [TestCase(EPhyto, "rsa-sha256", Inclusive)]
    [TestCase(EPhyto, "ecdsa-sha256", Exclusive)]
    [TestCase(EPhyto, "ecdsa-sha256", Inclusive)]
    [TestCase(Cites, "rsa-sha256", Exclusive)]
    [TestCase(Cites, "rsa-sha256", Inclusive)]
    [TestCase(Cites, "ecdsa-sha256", Exclusive)]
    [TestCase(Cites, "ecdsa-sha256", Inclusive)]
    [TestCase(EPhyto, "rsa-sha512", Exclusive)]
    [TestCase(EPhyto, "ecdsa-sha384", Inclusive)]
    [TestCase(Cites, "rsa-sha384", Exclusive)]
    [TestCase(Cites, "ecdsa-sha512", Exclusive)]
    public async Task Xmlsec1_signed_document_is_valid_in_the_hub(string sample, string algorithm, string c14n)
    {
        var key = KeyFor(algorithm);
        var signed = await SignaturesXmlsec1.SignAsync(Sample(sample).Xml, key, algorithm, c14n, _work, $"xmlsec1-{sample}-{algorithm}-{c14n}");
        var own = await SignaturesXmlsec1.VerifyAsync(signed, key.CertificatePemPath);

        var verdict = SignaturesHubVerdict.Verify(ReadSigned(signed), key.PublicCertificate);

        Assert.Multiple(() =>
        {
            Assert.That(own.Succeeded, Is.True, $"xmlsec1 does not verify its own signature:\n{own}");
            Assert.That(verdict.Verdict, Is.EqualTo(SignatureVerdict.Valid),
                $"the hub refuses a document xmlsec1 signed ({signed}): {SignaturesHubVerdict.Describe(verdict)}");
            Assert.That(verdict.SignerThumbprint, Is.EqualTo(key.Thumbprint));
        });
    }

    [TestCase(EPhyto, "rsa-sha256", Exclusive)]
    [TestCase(Cites, "ecdsa-sha256", Inclusive)]
    public async Task Xmlsec1_signed_document_altered_after_signing_is_invalid_in_the_hub(string sample, string algorithm, string c14n)
    {
        var key = KeyFor(algorithm);
        var signed = await SignaturesXmlsec1.SignAsync(Sample(sample).Xml, key, algorithm, c14n, _work, $"xmlsec1-altered-{sample}-{algorithm}-{c14n}");
        var altered = WriteSigned(signed.Replace(".xml", ".altered.xml", StringComparison.Ordinal), Sample(sample).Alter(ReadSigned(signed)));
        var xmlsec1 = await SignaturesXmlsec1.VerifyAsync(altered, key.CertificatePemPath);

        var verdict = SignaturesHubVerdict.Verify(ReadSigned(altered), key.PublicCertificate);

        Assert.Multiple(() =>
        {
            Assert.That(xmlsec1.Succeeded, Is.False, $"xmlsec1 accepts the altered document:\n{xmlsec1}");
            Assert.That(verdict.Verdict, Is.EqualTo(SignatureVerdict.Invalid), SignaturesHubVerdict.Describe(verdict));
            Assert.That(verdict.Check, Is.EqualTo("signature-value"), SignaturesHubVerdict.Describe(verdict));
        });
    }

    /// <summary>All of them are signed in one node process, the first time a test needs one.</summary>
    public static IEnumerable<TestCaseData> XmlCryptoCases() =>
        s_xmlCryptoCases.Select(c => new TestCaseData(c.Sample, c.Algorithm, c.C14n, c.Prefix));

    [TestCaseSource(nameof(XmlCryptoCases))]
    public async Task XmlCrypto_signed_document_is_valid_in_the_hub(string sample, string algorithm, string c14n, string prefix)
    {
        var id = XmlCryptoCaseId(sample, algorithm, c14n, prefix);
        var signing = (await XmlCryptoSignedAsync())[id];
        Assert.That(signing.Ok, Is.True, $"xml-crypto could not sign {id}: {signing.Error}");
        var own = (await XmlCryptoVerifiedAsync())[$"self:{id}"];

        var verdict = SignaturesHubVerdict.Verify(ReadSigned(XmlCryptoSignedPath(id)), _rsa.PublicCertificate);

        Assert.Multiple(() =>
        {
            Assert.That(own.Ok, Is.True, $"xml-crypto does not verify its own signature: {own.Error}");
            Assert.That(verdict.Verdict, Is.EqualTo(SignatureVerdict.Valid),
                $"the hub refuses a document xml-crypto signed ({XmlCryptoSignedPath(id)}): {SignaturesHubVerdict.Describe(verdict)}");
            Assert.That(verdict.SignerThumbprint, Is.EqualTo(_rsa.Thumbprint));
        });
    }

    [TestCase(EPhyto, "rsa-sha256", Exclusive, "")]
    [TestCase(Cites, "rsa-sha256", Inclusive, "")]
    public async Task XmlCrypto_signed_document_altered_after_signing_is_invalid_in_the_hub(string sample, string algorithm, string c14n, string prefix)
    {
        var id = XmlCryptoCaseId(sample, algorithm, c14n, prefix);
        var signing = (await XmlCryptoSignedAsync())[id];
        Assert.That(signing.Ok, Is.True, $"xml-crypto could not sign {id}: {signing.Error}");
        var altered = Sample(sample).Alter(ReadSigned(XmlCryptoSignedPath(id)));

        var verdict = SignaturesHubVerdict.Verify(altered, _rsa.PublicCertificate);

        Assert.That(verdict.Verdict, Is.EqualTo(SignatureVerdict.Invalid), SignaturesHubVerdict.Describe(verdict));
        Assert.That(verdict.Check, Is.EqualTo("signature-value"), SignaturesHubVerdict.Describe(verdict));
    }
}
