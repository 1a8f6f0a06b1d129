using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// Each limit of <see cref="SignatureOptions"/> at N (not refused by that limit: here, Valid) and at N+1 (refused by
/// its check, the limit named in the reason).
/// </summary>
public class SignatureLimitTests
{
    private static void AssertRefusedByLimit(VerificationResult result, string check, string limit, string count)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo(check));
            Assert.That(result.Reason, Does.Contain($"(limit {limit})").And.Contain(count));
        });
    }

    private static void AssertValid(VerificationResult result) =>
        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), $"{result.Check}: {result.Reason}");

    /// <summary>The genuine signature with a KeyName (KeyInfo is not signed) padded so the Signature is exactly <paramref name="chars"/> long.</summary>
    private static XmlDocument SignatureOfLength(int chars)
    {
        var document = SignedSample(SignerCertificates.SenderRsa);
        var keyName = NewDs(document, "KeyName", "x");
        DsElement(document, "KeyInfo").PrependChild(keyName);
        var padding = chars - SignatureOf(document).OuterXml.Length + 1;
        keyName.InnerText = new string('x', padding);
        var arrived = Reparse(document);
        Assert.That(SignatureOf(arrived).OuterXml, Has.Length.EqualTo(chars), "precondition: the ds:Signature has the length under test");
        return arrived;
    }

    /// <summary>A SignedXml signature with <paramref name="count"/> Reference URI="" elements, each enveloped + exclusive C14N.</summary>
    private static XmlDocument WithReferences(int count) =>
        SignatureForgery.Sign(Sample(), SignerCertificates.SenderRsa, Enumerable.Range(0, count).Select(_ => SignatureForgery.WholeDocument()));

    /// <summary>A SignedXml signature whose one Reference has enveloped-signature then <paramref name="count"/> - 1 exclusive C14N transforms.</summary>
    private static XmlDocument WithTransforms(int count)
    {
        var transforms = new List<Transform> { new XmlDsigEnvelopedSignatureTransform() };
        for (var i = 1; i < count; i++) transforms.Add(new XmlDsigExcC14NTransform());
        return SignatureForgery.Sign(Sample(), SignerCertificates.SenderRsa, [SignatureForgery.WholeDocument(transforms: [.. transforms])]);
    }

    /// <summary>Signed by the chain's leaf with the first <paramref name="count"/> certificates of the chain in KeyInfo.</summary>
    private static XmlDocument WithCertificates(int count)
    {
        var chain = SignerCertificates.Chain;
        return SignatureForgery.Sign(Sample(), chain[0], [SignatureForgery.WholeDocument()], embedded: chain.Take(count).ToList());
    }

    private static IReadOnlyList<X509Certificate2> ChainLeaf =>
        SignerCertificates.Registered(SignerCertificates.Chain[0]);

    [Test]
    public void A_signature_of_exactly_MaxSignatureChars_is_accepted()
    {
        AssertValid(Verify(SignatureOfLength(new SignatureOptions().MaxSignatureChars)));
    }

    [Test]
    public void A_signature_one_character_over_MaxSignatureChars_is_refused()
    {
        // Guards: an oversized ds:Signature (a padded KeyInfo) costing memory and time before any other check.
        var limit = new SignatureOptions().MaxSignatureChars;

        AssertRefusedByLimit(Verify(SignatureOfLength(limit + 1)), "signature-size", "MaxSignatureChars", $"{limit + 1} characters long");
    }

    [Test]
    public void The_default_MaxReferences_of_1_accepts_one_reference()
    {
        Assert.That(SignatureStructure.MaxReferences, Is.EqualTo(1));

        AssertValid(Verify(WithReferences(1)));
    }

    [Test]
    public void The_default_MaxReferences_of_1_refuses_two_references()
    {
        // Guards: several references, each a full digest pass over the document (and a place to hide a second target).
        AssertRefusedByLimit(Verify(WithReferences(2)), "references", "MaxReferences", "2 references");
    }

    [Test]
    public void Two_transforms_the_default_MaxTransforms_are_accepted()
    {
        Assert.That(new SignatureOptions().MaxTransforms, Is.EqualTo(2));

        AssertValid(Verify(WithTransforms(2)));
    }

    [Test]
    public void Three_transforms_one_over_MaxTransforms_are_refused()
    {
        // Guards: a long transform chain, each transform a pass over the document.
        AssertRefusedByLimit(Verify(WithTransforms(3)), "transforms", "MaxTransforms", "3 transforms");
    }

    [Test]
    public void MaxTransforms_set_to_3_lets_three_transforms_through_to_the_order_check()
    {
        // Guards: with the limit raised, three transforms pass the limit and are then refused for their order (two
        // canonicalizations), so the N+1 refusal above is the limit's doing.
        var result = Verify(WithTransforms(3), options: new SignatureOptions { MaxTransforms = 3 });

        Assert.Multiple(() =>
        {
            Assert.That(result.Check, Is.EqualTo("transforms"));
            Assert.That(result.Reason, Does.Not.Contain("MaxTransforms").And.Contain("Only one canonicalization transform"));
        });
    }

    [Test]
    public void Four_certificates_the_default_MaxCertificateChain_are_accepted()
    {
        Assert.That(new SignatureOptions().MaxCertificateChain, Is.EqualTo(4));

        AssertValid(Verify(WithCertificates(4), ChainLeaf));
    }

    [Test]
    public void Five_certificates_one_over_MaxCertificateChain_are_refused()
    {
        // Guards: a long embedded chain, each certificate parsed (and a DoS on the certificate parser).
        AssertRefusedByLimit(Verify(WithCertificates(5), ChainLeaf), "certificate-chain", "MaxCertificateChain", "more than 4 certificates");
    }

    [Test]
    public void Five_certificates_split_over_two_X509Data_elements_are_refused()
    {
        // Guards: the limit counts certificates in all of KeyInfo, not per X509Data.
        var document = WithCertificates(4);
        var second = NewDs(document, "X509Data");
        second.AppendChild(NewDs(document, "X509Certificate", Convert.ToBase64String(SignerCertificates.Chain[4].RawData)));
        DsElement(document, "KeyInfo").AppendChild(second);

        AssertRefusedByLimit(Verify(Reparse(document), ChainLeaf), "certificate-chain", "MaxCertificateChain", "more than 4 certificates");
    }
}
