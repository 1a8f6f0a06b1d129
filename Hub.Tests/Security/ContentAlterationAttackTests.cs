using System.Security.Cryptography.Xml;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// A signed document changed after signing, or a signature whose values were tampered with, is Invalid at the
/// cryptographic check; a comment added to signed text is not a change (URI="" canonicalizes without comments).
/// </summary>
public class ContentAlterationAttackTests
{
    private static VerificationResult VerifyAltered(string find, string replacement)
    {
        var signed = SignedSample(SignerCertificates.SenderRsa);
        Assert.That(Verify(signed).Verdict, Is.EqualTo(SignatureVerdict.Valid), "precondition: the unaltered document is valid");
        return Verify(Edit(signed, find, replacement));
    }

    /// <summary>The content digest still matches, but SignedInfo's SignatureValue does not.</summary>
    private static void AssertSignatureValueMismatch(VerificationResult result)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo("signature-value"));
            Assert.That(result.Reason, Does.Contain("does not match"));
        });
    }

    private static void AssertDigestMismatch(VerificationResult result)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo("digest"));
            Assert.That(result.Reason, Does.Contain("does not match").And.Contain("changed after signing"));
        });
    }

    [Test]
    public void Text_changed_after_signing_is_invalid()
    {
        // Attack: the certificate number of a signed ePhyto is changed in transit.
        AssertDigestMismatch(VerifyAltered("<ns1:ID>123ABC</ns1:ID>", "<ns1:ID>123ABD</ns1:ID>"));
    }

    [Test]
    public void An_attribute_changed_after_signing_is_invalid()
    {
        // Attack: an attribute value of signed content (the language of a note) is changed.
        AssertDigestMismatch(VerifyAltered("<ns1:Content languageID=\"nn\">", "<ns1:Content languageID=\"en\">"));
    }

    [Test]
    public void An_element_added_after_signing_is_invalid()
    {
        // Attack: an additional declaration is slipped into a signed certificate.
        AssertDigestMismatch(VerifyAltered(
            "<ns1:Subject>DMCL</ns1:Subject>",
            "<ns1:Subject>DMCL</ns1:Subject><ns1:Content>Also free of all other pests</ns1:Content>"));
    }

    [Test]
    public void An_element_removed_after_signing_is_invalid()
    {
        // Attack: a restricting note is dropped from a signed certificate.
        AssertDigestMismatch(VerifyAltered("<ns1:Content>Lot number :8888</ns1:Content>", ""));
    }

    [Test]
    public void Whitespace_added_inside_signed_text_is_invalid()
    {
        // Attack: whitespace injected into signed text; C14N keeps text exactly, so it counts.
        AssertDigestMismatch(VerifyAltered("La Plata, Buenos Aires", "La Plata,  Buenos Aires"));
    }

    [Test]
    public void Whitespace_added_between_signed_elements_is_invalid()
    {
        // Attack: whitespace-only text between elements; the hub parses preserving whitespace, and C14N keeps it.
        AssertDigestMismatch(VerifyAltered("<ns1:TypeCode>851</ns1:TypeCode>", "<ns1:TypeCode>851</ns1:TypeCode>\n  "));
    }

    [Test]
    public void A_carriage_return_character_reference_injected_into_signed_text_is_invalid()
    {
        // Attack: a CR as &#13; survives parsing (unlike a literal CR LF) and C14N writes it as &#xD;, so it counts.
        AssertDigestMismatch(VerifyAltered("<ns1:Content>Lot number :8888</ns1:Content>", "<ns1:Content>Lot number :8888&#13;</ns1:Content>"));
    }

    [Test]
    public void A_comment_injected_into_signed_text_does_not_invalidate_because_URI_empty_excludes_comments([Values] bool withCommentsTransform)
    {
        // Attack considered: a comment splitting signed text ("123<!---->ABC") so that a reader taking the first text
        // node sees "123". XML-DSig removes comments from a same-document URI="" reference before the transforms, even
        // with the with-comments C14N: a comment is not signed content, adding one is not a change, and the verdict stays
        // Valid. The signed text (the concatenated text, as the hub and the IPPC schema read it) is unchanged.
        var transforms = withCommentsTransform
            ? new Transform[] { new XmlDsigEnvelopedSignatureTransform(), new XmlDsigExcC14NTransform(includeComments: true) }
            : [];
        var signed = SignatureForgery.Sign(Sample(), SignerCertificates.SenderRsa, [SignatureForgery.WholeDocument(transforms: transforms)]);
        var withComment = Edit(signed, "<ns1:ID>123ABC</ns1:ID>", "<ns1:ID>123<!-- injected -->ABC</ns1:ID>");

        var result = Verify(withComment);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
            Assert.That(result.Reason, Does.Contain("contains comments"), "the verdict warns the recipient that comments are unsigned");
            Assert.That(withComment.GetElementsByTagName("ID", Ram)[0]!.InnerText, Is.EqualTo("123ABC"));
        });
    }

    [Test]
    public void A_forged_SignatureValue_is_invalid([Values] bool ecdsa)
    {
        // Attack: a made-up SignatureValue (bits flipped in a genuine one) on a genuine SignedInfo.
        var signed = SignedSample(ecdsa ? SignerCertificates.SenderEcdsa : SignerCertificates.SenderRsa);

        AssertSignatureValueMismatch(Verify(SignatureForgery.FlipBits(signed, "SignatureValue")));
    }

    [Test]
    public void A_truncated_SignatureValue_is_invalid()
    {
        // Attack: an empty or shortened SignatureValue, hoping a lax verifier compares only what is there.
        var signed = SignedSample(SignerCertificates.SenderRsa);
        DsElement(signed, "SignatureValue").InnerText = "AAAA";

        var result = Verify(Reparse(signed));

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo("signature-value"));
        });
    }

    [Test]
    public void A_DigestValue_replaced_by_the_digest_of_altered_content_is_invalid()
    {
        // Attack: the content is altered and the DigestValue set to the correct digest of the altered content; the
        // SignatureValue over SignedInfo cannot be recomputed without the sender's key.
        var signed = SignedSample(SignerCertificates.SenderRsa);
        var altered = Edit(signed, "<ns1:ID>123ABC</ns1:ID>", "<ns1:ID>999XYZ</ns1:ID>");
        var alteredDigest = DigestValueOf(Signed(Edit(Sample(), "<ns1:ID>123ABC</ns1:ID>", "<ns1:ID>999XYZ</ns1:ID>"), SignerCertificates.Unregistered));
        Assert.That(alteredDigest, Is.Not.EqualTo(DigestValueOf(signed)), "precondition: the digests differ");
        DsElement(altered, "DigestValue").InnerText = alteredDigest;

        AssertSignatureValueMismatch(Verify(Reparse(altered)));
    }

    [Test]
    public void A_DigestValue_with_bits_flipped_is_invalid()
    {
        // Attack: a DigestValue that does not belong to the content (and so not to the SignatureValue either).
        AssertDigestMismatch(Verify(SignatureForgery.FlipBits(SignedSample(SignerCertificates.SenderEcdsa), "DigestValue")));
    }

    [Test]
    public void A_genuine_signature_transplanted_from_another_document_is_invalid()
    {
        // Attack: the sender's genuine signature of one certificate copied onto a different certificate.
        var other = Signed(Parse(SmallSps), SignerCertificates.SenderRsa);
        var target = Sample();
        target.DocumentElement!.AppendChild(target.ImportNode(SignatureOf(other), deep: true));

        AssertDigestMismatch(Verify(Reparse(target)));
    }

    private static string DigestValueOf(XmlDocument document) => DsElement(document, "DigestValue").InnerText;
}
