using System.Xml;
using Hub.Service.Security;
using Microsoft.Extensions.Options;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>The hub's signer produces what conforming verifiers accept, including where SignedXml's own signer does not.</summary>
public class DocumentSignerTests
{
    private static VerificationResult VerifyFast(XmlDocument document) =>
        new EnvelopeSignatureVerifier(Options.Create(new SignatureOptions()), new FastSignatureCryptography())
            .Verify(Reparse(document), SignerCertificates.SenderRegistered, DateTimeOffset.UtcNow);

    [Test]
    public void A_document_whose_root_carries_xml_lang_signs_and_verifies_with_exclusive_C14N()
    {
        // SignedXml copies inherited xml:* attributes into the exclusive canonical SignedInfo, which the W3C text and
        // libxml2 do not; the hub's signer canonicalizes as the specification says.
        var document = Parse("<doc xml:lang=\"en\" xmlns=\"urn:x\"><a>text</a></doc>");
        DocumentSigner.Sign(document, SignerCertificates.SenderRsa, exclusive: true);

        Assert.That(VerifyFast(document).Verdict, Is.EqualTo(SignatureVerdict.Valid));
    }

    [Test]
    public void Signing_a_signed_document_again_is_refused()
    {
        var document = SignedSample(SignerCertificates.SenderRsa);
        Assert.That(() => DocumentSigner.Sign(document, SignerCertificates.SenderRsa),
            Throws.ArgumentException.With.Message.Contains("already signed"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void The_signed_sample_verifies_with_both_paths(bool exclusive)
    {
        Assert.That(Verify(Reparse(SignedSample(SignerCertificates.SenderEcdsa, exclusive))).Verdict, Is.EqualTo(SignatureVerdict.Valid));
    }
}
