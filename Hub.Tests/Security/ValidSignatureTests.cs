using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// The shapes protocol.md section 4 allows come out Valid, whatever way the Content travels; a document without a
/// signature is Unsigned. The attack tests rely on the test kit (SignedXml-built signatures, re-signing) proven here.
/// </summary>
public class ValidSignatureTests
{
    [Test, Combinatorial]
    public void An_ePhyto_signed_with_any_allowed_algorithm_and_canonicalization_is_valid(
        [Values("RSA", "ECDSA")] string keyKind, [Values("sha256", "sha384", "sha512")] string digest, [Values] bool exclusive)
    {
        var certificate = keyKind == "RSA" ? SignerCertificates.SenderRsa : SignerCertificates.SenderEcdsa;
        var document = SignedSample(certificate, exclusive, digest);

        var result = Verify(document);

        Assert.Multiple(() =>
        {
            Assert.That(DsElement(document, "SignatureMethod").GetAttribute("Algorithm"), Does.EndWith($"#{keyKind.ToLowerInvariant()}-{digest}"));
            Assert.That(DsElement(document, "CanonicalizationMethod").GetAttribute("Algorithm"),
                Is.EqualTo(exclusive ? SignatureAlgorithms.ExcC14N : SignatureAlgorithms.C14N));
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
            Assert.That(result.Check, Is.EqualTo("signature-value"));
            Assert.That(result.Reason, Does.Contain("valid"));
        });
    }

    [Test]
    public void The_verdict_names_the_signers_subject_and_SHA256_thumbprint()
    {
        var result = Verify(SignedSample(SignerCertificates.SenderEcdsa));

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
            Assert.That(result.SignerSubject, Is.EqualTo("CN=NPPO AR signing 2025, O=SENASA, C=AR"));
            Assert.That(result.SignerThumbprint, Is.EqualTo(SignerCertificates.Sha256Hex(SignerCertificates.SenderEcdsa)));
            Assert.That(result.SignerThumbprint, Has.Length.EqualTo(64));
        });
    }

    [Test]
    public void A_small_SPS_certificate_with_mixed_content_is_valid()
    {
        var document = Signed(Parse(SmallSps), SignerCertificates.SenderRsa, exclusive: false, digest: "sha512");

        var result = Verify(document);

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void Content_sent_as_base64_verifies_as_valid()
    {
        var content = Base64Content(SignedSample(SignerCertificates.SenderRsa));

        var result = VerifyContent(content);

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void Content_sent_as_base64_wrapped_at_76_columns_verifies_as_valid()
    {
        var base64 = Base64Content(SignedSample(SignerCertificates.SenderEcdsa));
        var wrapped = string.Join("\r\n", base64.Chunk(76).Select(line => new string(line)));

        var result = VerifyContent(wrapped + "\r\n");

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void Content_sent_as_raw_XML_text_from_a_CDATA_section_verifies_as_valid()
    {
        // What a CDATA section in the SOAP body hands over: the signed XML as text, here after a line break.
        var content = "\n  " + SignedSample(SignerCertificates.SenderRsa, exclusive: false).OuterXml;

        var result = VerifyContent(content);

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void Line_breaks_turned_into_CRLF_in_transit_keep_the_signature_valid()
    {
        // An XML parser turns a literal CR LF back into LF, so a gateway that rewrites line endings changes nothing
        // that was signed (a character reference &#13; does survive parsing: see the attack tests).
        var content = SignedSample(SignerCertificates.SenderRsa).OuterXml.Replace("\n", "\r\n", StringComparison.Ordinal);

        var result = VerifyContent(content);

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void A_document_without_a_signature_is_unsigned()
    {
        var result = Verify(Sample());

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Unsigned));
            Assert.That(result.Check, Is.EqualTo("signature-present"));
            Assert.That(result.Reason, Does.Contain("no ds:Signature"));
            Assert.That(result.SignerSubject, Is.Null);
        });
    }

    [Test]
    public void A_signature_built_with_SignedXml_in_the_allowed_shape_is_valid()
    {
        // The attack tests build their signatures this way: the builder itself must produce valid signatures.
        var document = SignatureForgery.Sign(Sample(), SignerCertificates.SenderEcdsa, [SignatureForgery.WholeDocument()]);

        var result = Verify(document);

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void Resigning_an_unchanged_SignedInfo_with_the_signers_key_keeps_it_valid([Values] bool exclusive)
    {
        // The attack tests edit SignedInfo and re-sign it: unedited, re-signing must give a valid signature, so an
        // edited one is refused only because of the edit.
        var certificate = exclusive ? SignerCertificates.SenderEcdsa : SignerCertificates.SenderRsa;
        var document = SignatureForgery.Resign(SignedSample(certificate, exclusive), certificate);

        var result = Verify(document);

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void A_signing_certificate_whose_chain_is_embedded_is_valid()
    {
        var chain = SignerCertificates.Chain;
        var document = SignatureForgery.Sign(Sample(), chain[0], [SignatureForgery.WholeDocument()], embedded: chain.Take(3).ToList());

        var result = Verify(document, SignerCertificates.Registered(chain[0]));

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
            Assert.That(result.SignerSubject, Is.EqualTo(chain[0].Subject));
        });
    }

    [Test]
    public void Content_in_UTF8_with_non_ASCII_text_verifies_from_base64()
    {
        var document = Signed(Edit(Parse(SmallSps), "Fresh Produce Ltd", "Frutas del Trébol S.A."), SignerCertificates.SenderRsa);
        var result = VerifyContent(Base64Content(document), SignerCertificates.Registered(SignerCertificates.SenderRsa));

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }
}
