using Hub.Service.Security;
using static Hub.Tests.Interop.SignaturesAlgorithms;

namespace Hub.Tests.Interop;

public sealed partial class SignatureInteropTests
{
    // ---- 2. Documents signed by the hub verify in xmlsec1 and xml-crypto ---------------------------------------------

    public static IEnumerable<string> HubCases() => s_hubCases.Select(HubCaseId);

    /// <summary>xml-crypto 6.x has no ECDSA and no SHA-384.</summary>
    public static IEnumerable<string> HubRsaCases() =>
        s_hubCases.Where(c => !IsEcdsa(c.Algorithm) && Hash(c.Algorithm) != "sha384").Select(HubCaseId);

    [TestCaseSource(nameof(HubCases))]
    public async Task Hub_signed_document_is_valid_in_xmlsec1(string hubCase)
    {
        var (path, key) = await HubSignedAsync(hubCase);
        var own = SignaturesHubVerdict.Verify(ReadSigned(path), key.PublicCertificate);
        Assert.That(own.Verdict, Is.EqualTo(SignatureVerdict.Valid), $"the hub does not verify its own signature: {SignaturesHubVerdict.Describe(own)}");

        var xmlsec1 = await SignaturesXmlsec1.VerifyAsync(path, key.CertificatePemPath);

        Assert.That(xmlsec1.Succeeded, Is.True, $"xmlsec1 refuses a document the hub signed:\n{xmlsec1}");
        Assert.That(xmlsec1.StandardError, Does.Contain("SignedInfo References (ok/all): 1/1"), xmlsec1.ToString());
    }

    [TestCaseSource(nameof(HubRsaCases))]
    public async Task Hub_signed_document_is_valid_in_xml_crypto(string hubCase)
    {
        var (path, key) = await HubSignedAsync(hubCase);
        var own = SignaturesHubVerdict.Verify(ReadSigned(path), key.PublicCertificate);
        Assert.That(own.Verdict, Is.EqualTo(SignatureVerdict.Valid), $"the hub does not verify its own signature: {SignaturesHubVerdict.Describe(own)}");

        var result = (await XmlCryptoVerifiedAsync())[$"hub:{hubCase}"];

        Assert.That(result.Ok, Is.True, $"xml-crypto refuses a document the hub signed ({path}): {result.Error}");
    }

    [TestCase("in-process/ephyto/rsa-sha256/exclusive")]
    [TestCase("in-process/cites/ecdsa-sha256/exclusive")]
    [TestCase("cli-pfx/cites/rsa-sha256/inclusive")]
    [TestCase("cli-pem/ephyto/ecdsa-sha256/inclusive")]
    public async Task Hub_signed_document_altered_after_signing_fails_in_xmlsec1(string hubCase)
    {
        var (_, key) = await HubSignedAsync(hubCase);
        var altered = (await HubSigned())[$"{hubCase}+altered"];
        var verdict = SignaturesHubVerdict.Verify(ReadSigned(altered), key.PublicCertificate);
        Assert.That(verdict.Verdict, Is.EqualTo(SignatureVerdict.Invalid), "the hub itself must refuse the altered document");

        var xmlsec1 = await SignaturesXmlsec1.VerifyAsync(altered, key.CertificatePemPath);

        Assert.That(xmlsec1.Succeeded, Is.False, $"xmlsec1 accepts a hub-signed document altered after signing:\n{xmlsec1}");
        Assert.That(xmlsec1.StandardError, Does.Contain("SignedInfo References (ok/all): 0/1"), xmlsec1.ToString());
    }

    [TestCase("in-process/ephyto/rsa-sha256/exclusive")]
    [TestCase("cli-pfx/cites/rsa-sha256/inclusive")]
    public async Task Hub_signed_document_altered_after_signing_fails_in_xml_crypto(string hubCase)
    {
        await HubSignedAsync(hubCase);

        var result = (await XmlCryptoVerifiedAsync())[$"hub-altered:{hubCase}"];

        Assert.That(result.Ok, Is.False, "xml-crypto accepts a hub-signed document altered after signing");
        Assert.That(result.Error, Does.Contain("digest"), "xml-crypto should refuse it for the Reference digest");
    }

    // Guards the tools' configuration: the certificate given to them must decide, not the one embedded in KeyInfo.
    [Test]
    public async Task Hub_signed_document_fails_in_xmlsec1_under_another_certificate()
    {
        var (path, _) = await HubSignedAsync(OtherCertificateCase);

        var xmlsec1 = await SignaturesXmlsec1.VerifyAsync(path, _otherRsa.CertificatePemPath);

        Assert.That(xmlsec1.Succeeded, Is.False, $"xmlsec1 accepts the document under a certificate that did not sign it:\n{xmlsec1}");
    }

    [Test]
    public async Task Hub_signed_document_fails_in_xml_crypto_under_another_certificate()
    {
        await HubSignedAsync(OtherCertificateCase);

        var result = (await XmlCryptoVerifiedAsync())[$"hub-other-certificate:{OtherCertificateCase}"];

        Assert.That(result.Ok, Is.False, "xml-crypto accepts the document under a certificate that did not sign it");
        Assert.That(result.Error, Does.Contain("signature value"), "xml-crypto should refuse it for the SignatureValue");
    }

    [Test]
    public async Task Sign_command_without_in_exits_2_with_the_usage_line()
    {
        var result = await SignaturesHubCli.SignAsync(
            ["--pfx", _rsa.PfxPath, "--password", SignaturesSigningKey.PfxPassword, "--out", Path.Combine(_work, "never-written.xml")]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("--in is required"), result.ToString());
        Assert.That(result.StandardError.Split('\n').Select(l => l.Trim()),
            Has.Some.StartsWith("usage: sign (--pfx FILE [--password P] | --cert PEM --key PEM) --in FILE --out FILE"), result.ToString());
        Assert.That(File.Exists(Path.Combine(_work, "never-written.xml")), Is.False);
    }
}
