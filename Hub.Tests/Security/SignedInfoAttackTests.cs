using System.Security.Cryptography.Xml;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// What SignedInfo may say: one Reference URI="" (the whole document), the enveloped-signature transform and a C14N,
/// SHA-256 and up, RSA or ECDSA. Each signature here is made or re-signed with the sender's registered key, so the
/// SignatureValue holds and only the named structural check refuses it.
/// </summary>
public class SignedInfoAttackTests
{
    private const string Xslt = "http://www.w3.org/TR/1999/REC-xslt-19991116";
    private const string XPath = "http://www.w3.org/TR/1999/REC-xpath-19991116";
    private const string Base64 = "http://www.w3.org/2000/09/xmldsig#base64";
    private const string HmacSha256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";

    private static void AssertInvalid(VerificationResult result, string check, params string[] reasonParts)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo(check));
            foreach (var part in reasonParts) Assert.That(result.Reason, Does.Contain(part));
        });
    }

    /// <summary>The genuine signature of the sender's RSA key with SignedInfo edited, then re-signed with that key.</summary>
    private static XmlDocument EditedAndResigned(Action<XmlDocument> edit)
    {
        var document = SignedSample(SignerCertificates.SenderRsa);
        edit(document);
        return SignatureForgery.Resign(document, SignerCertificates.SenderRsa);
    }

    private static XmlElement TransformAt(XmlDocument document, int index) =>
        DsElement(document, "Transforms").ChildNodes.OfType<XmlElement>().ElementAt(index);

    [Test]
    public void A_Reference_to_an_Id_instead_of_the_whole_document_is_invalid()
    {
        // Attack: a signature over one element (Id="doc"), which leaves the rest of the certificate unsigned and is
        // the basis of wrapping attacks.
        var unsigned = Sample();
        unsigned.DocumentElement!.ChildNodes.OfType<XmlElement>().First().SetAttribute("Id", "doc");
        var reference = new Reference("#doc") { DigestMethod = SignatureAlgorithms.Sha256 };
        reference.AddTransform(new XmlDsigExcC14NTransform());
        var document = SignatureForgery.Sign(unsigned, SignerCertificates.SenderRsa, [reference]);

        AssertInvalid(Verify(document), "reference-uri", "must have URI=\"\"", "URI=\"#doc\"");
    }

    [Test]
    public void A_Reference_without_a_URI_is_invalid()
    {
        // Attack: an absent URI, whose target "the application knows", i.e. whatever a verifier guesses.
        var document = EditedAndResigned(d => DsElement(d, "Reference").RemoveAttribute("URI"));

        AssertInvalid(Verify(document), "reference-uri", "it has no URI");
    }

    [Test]
    public void A_Reference_to_an_external_URI_is_invalid()
    {
        // Attack: external resolution, making the hub fetch (and trust) a document from the network.
        var document = EditedAndResigned(d => DsElement(d, "Reference").SetAttribute("URI", "http://evil.example/certificate.xml"));

        AssertInvalid(Verify(document), "reference-uri", "URI=\"http://evil.example/certificate.xml\"");
    }

    [Test]
    public void An_XSLT_transform_is_invalid()
    {
        // Attack: XSLT in the transform chain: arbitrary computation (and resolution) while verifying, and a digest over
        // the stylesheet's output rather than the document.
        var document = EditedAndResigned(d =>
        {
            var transform = TransformAt(d, 1);
            transform.SetAttribute("Algorithm", Xslt);
            transform.InnerXml = """<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="1.0"><xsl:template match="/">x</xsl:template></xsl:stylesheet>""";
        });

        AssertInvalid(Verify(document), "transforms", $"'{Xslt}' is not allowed");
    }

    [Test]
    public void An_XPath_transform_is_invalid()
    {
        // Attack: an XPath filter that excludes parts of the document from the digest, so they can be changed freely.
        var document = EditedAndResigned(d =>
        {
            var transform = TransformAt(d, 1);
            transform.SetAttribute("Algorithm", XPath);
            transform.InnerXml = $"""<XPath xmlns="{Ds}">not(ancestor-or-self::*[local-name()='SPSConsignment'])</XPath>""";
        });

        AssertInvalid(Verify(document), "transforms", $"'{XPath}' is not allowed");
    }

    [Test]
    public void A_base64_transform_is_invalid()
    {
        // Attack: a base64 transform, which digests the decoded text content and ignores all markup.
        var document = EditedAndResigned(d => TransformAt(d, 1).SetAttribute("Algorithm", Base64));

        AssertInvalid(Verify(document), "transforms", $"'{Base64}' is not allowed");
    }

    [Test]
    public void The_enveloped_signature_transform_after_the_canonicalization_is_invalid()
    {
        // Attack: a transform chain in an order the hub's canonicalizer and SignedXml might read differently.
        var document = EditedAndResigned(d =>
        {
            var transforms = DsElement(d, "Transforms");
            transforms.AppendChild(TransformAt(d, 0));
        });

        AssertInvalid(Verify(document), "transforms", "Only one canonicalization transform is allowed, after enveloped-signature");
    }

    [Test]
    public void A_SHA1_digest_is_invalid()
    {
        // Attack: SHA-1 digests, for which chosen-prefix collisions are practical.
        var document = SignatureForgery.Sign(Sample(), SignerCertificates.SenderRsa, [SignatureForgery.WholeDocument(SignedXml.XmlDsigSHA1Url)]);

        AssertInvalid(Verify(document), "digest-method", $"'{SignedXml.XmlDsigSHA1Url}' is not allowed for DigestMethod");
    }

    [Test]
    public void An_MD5_digest_is_invalid()
    {
        // Attack: MD5 digests, broken for collisions.
        var document = EditedAndResigned(d => DsElement(d, "DigestMethod").SetAttribute("Algorithm", "http://www.w3.org/2001/04/xmldsig-more#md5"));

        AssertInvalid(Verify(document), "digest-method", "xmldsig-more#md5' is not allowed");
    }

    [Test]
    public void An_RSA_SHA1_signature_method_is_invalid()
    {
        // Attack: RSA over a SHA-1 hash of SignedInfo: a collision on SignedInfo forges a signature.
        var document = SignatureForgery.Sign(Sample(), SignerCertificates.SenderRsa, [SignatureForgery.WholeDocument()], SignedXml.XmlDsigRSASHA1Url);

        AssertInvalid(Verify(document), "signature-method", $"'{SignedXml.XmlDsigRSASHA1Url}' is not allowed for SignatureMethod");
    }

    [Test]
    public void An_HMAC_SHA256_signature_method_is_invalid()
    {
        // Attack: HMAC with a secret the verifier would have to take from the message (or guess): a "signature" anyone
        // can make, next to a registered certificate in KeyInfo that lends it credibility.
        var document = SignatureForgery.SignWithHmac(Sample(), "not a secret"u8.ToArray(), SignerCertificates.SenderRsa);

        AssertInvalid(Verify(document), "signature-method", $"'{HmacSha256}' is not allowed");
    }

    [Test]
    public void An_HMAC_SHA256_signature_method_with_HMACOutputLength_is_invalid()
    {
        // Attack: truncated HMAC (CVE-2009-0217): a short HMACOutputLength leaves only a few bits to guess.
        var document = SignatureForgery.SignWithHmac(Sample(), "not a secret"u8.ToArray(), SignerCertificates.SenderRsa, outputLengthBits: "128");
        Assert.That(DsElement(document, "SignatureMethod").InnerXml, Does.Contain("HMACOutputLength"), "precondition");

        AssertInvalid(Verify(document), "signature-method", "not allowed");
    }

    [Test]
    public void An_allowed_signature_method_with_a_parameter_is_invalid()
    {
        // Attack: an HMACOutputLength (or any parameter) smuggled under an allowed method, for verifiers that honour it.
        var document = EditedAndResigned(d => DsElement(d, "SignatureMethod").AppendChild(NewDs(d, "HMACOutputLength", "8")));

        AssertInvalid(Verify(document), "signature-method", "SignatureMethod must be empty");
    }

    [Test]
    public void A_canonicalization_method_that_is_not_C14N_is_invalid()
    {
        // Attack: SignedInfo canonicalized by XSLT, so what is signed is not SignedInfo itself.
        var document = EditedAndResigned(d => DsElement(d, "CanonicalizationMethod").SetAttribute("Algorithm", Xslt));

        AssertInvalid(Verify(document), "canonicalization-method", "not allowed for CanonicalizationMethod");
    }

    [Test]
    public void A_signature_method_that_does_not_fit_the_certificates_key_is_invalid()
    {
        // Attack: algorithm confusion, an ECDSA method claimed for an RSA certificate's key.
        var document = SignedSample(SignerCertificates.SenderRsa);
        DsElement(document, "SignatureMethod").SetAttribute("Algorithm", SignatureAlgorithms.EcdsaSha256);

        AssertInvalid(Verify(Reparse(document)), "key-algorithm", "does not fit the certificate's key");
    }
}
