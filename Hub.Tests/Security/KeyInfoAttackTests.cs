using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// KeyInfo is not signed: the key is taken only from the embedded X.509 certificate, nothing is retrieved, and
/// anything in KeyInfo that contradicts the certificate or cannot be read ends verification.
/// </summary>
public class KeyInfoAttackTests
{
    private static XmlDocument Genuine() => SignedSample(SignerCertificates.SenderRsa);

    private static XmlElement KeyInfo(XmlDocument document) => DsElement(document, "KeyInfo");

    private static void AssertInvalid(VerificationResult result, string check, params string[] reasonParts)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo(check));
            foreach (var part in reasonParts) Assert.That(result.Reason, Does.Contain(part));
        });
    }

    private static XmlElement KeyValueOf(XmlDocument document, RSA key) =>
        (XmlElement)document.ImportNode(new RSAKeyValue(key).GetXml(), deep: true);

    [Test]
    public void A_KeyValue_that_differs_from_the_certificates_key_is_invalid()
    {
        // Attack: a verifier that takes the KeyValue would check the signature with the attacker's key.
        var document = Genuine();
        using var attackerKey = RSA.Create(2048);
        KeyInfo(document).PrependChild(KeyValueOf(document, attackerKey));

        AssertInvalid(Verify(Reparse(document)), "key-match", "KeyValue is not the public key of the embedded certificate");
    }

    [Test]
    public void A_KeyValue_equal_to_the_certificates_key_is_accepted()
    {
        var document = Genuine();
        KeyInfo(document).AppendChild(KeyValueOf(document, SignerCertificates.SenderRsa.GetRSAPublicKey()!));

        Assert.That(Verify(Reparse(document)).Verdict, Is.EqualTo(SignatureVerdict.Valid));
    }

    [Test]
    public void A_differing_KeyValue_followed_by_the_certificates_own_is_invalid()
    {
        // Attack: two KeyValues, the attacker's first (for verifiers that take the first), the genuine one last (for a
        // check that looks only at one of them).
        var document = Genuine();
        using var attackerKey = RSA.Create(2048);
        KeyInfo(document).AppendChild(KeyValueOf(document, attackerKey));
        KeyInfo(document).AppendChild(KeyValueOf(document, SignerCertificates.SenderRsa.GetRSAPublicKey()!));

        AssertInvalid(Verify(Reparse(document)), "key-info", "only one KeyValue");
    }

    [Test]
    public void A_KeyValue_holding_the_certificates_key_and_a_second_key_is_invalid()
    {
        // Attack: one KeyValue with two keys, the genuine one for the check and the attacker's for a reader that takes another.
        var document = Genuine();
        using var attackerKey = RSA.Create(2048);
        var keyValue = KeyValueOf(document, SignerCertificates.SenderRsa.GetRSAPublicKey()!);
        keyValue.AppendChild(KeyValueOf(document, attackerKey).FirstChild!);
        KeyInfo(document).AppendChild(keyValue);

        AssertInvalid(Verify(Reparse(document)), "key-match", "not the public key of the embedded certificate");
    }

    [Test]
    public void A_RetrievalMethod_in_KeyInfo_is_invalid()
    {
        // Attack: external resolution of the key (SSRF, or a key of the attacker's choosing fetched from the network).
        var document = Genuine();
        var retrieval = NewDs(document, "RetrievalMethod");
        retrieval.SetAttribute("URI", "http://evil.example/key.der");
        retrieval.SetAttribute("Type", "http://www.w3.org/2000/09/xmldsig#rawX509Certificate");
        KeyInfo(document).PrependChild(retrieval);

        AssertInvalid(Verify(Reparse(document)), "key-info", "may not contain RetrievalMethod", "no retrieval");
    }

    [Test]
    public void A_signature_without_KeyInfo_is_invalid()
    {
        // Attack: no certificate at all, for a verifier that would then try every registered key (or any key it finds).
        var document = Genuine();
        SignatureOf(document).RemoveChild(KeyInfo(document));

        AssertInvalid(Verify(Reparse(document)), "key-info", "has no KeyInfo");
    }

    [Test]
    public void A_KeyInfo_with_only_a_KeyName_is_invalid()
    {
        // Attack: a key named rather than given, which a verifier would have to look up by a name the attacker picks.
        var document = Genuine();
        KeyInfo(document).RemoveAll();
        KeyInfo(document).AppendChild(NewDs(document, "KeyName", SignerCertificates.SenderSubject));

        AssertInvalid(Verify(Reparse(document)), "key-info", "has no X509Certificate");
    }

    [Test]
    public void An_X509Certificate_that_is_not_a_certificate_is_invalid()
    {
        // Attack: malformed certificate bytes aimed at the certificate parser.
        var document = Genuine();
        DsElement(document, "X509Certificate").InnerText = Convert.ToBase64String("-----BEGIN CERTIFICATE----- not DER"u8.ToArray());

        AssertInvalid(Verify(Reparse(document)), "key-info", "not a base64 DER certificate");
    }

    [Test]
    public void An_X509Certificate_that_is_not_base64_is_invalid()
    {
        // Attack: text that is not base64, for a lenient decoder that skips what it cannot read.
        var document = Genuine();
        DsElement(document, "X509Certificate").InnerText = "not*base64!";

        AssertInvalid(Verify(Reparse(document)), "key-info", "not a base64 DER certificate");
    }

    [Test]
    public void An_X509CRL_or_other_X509Data_content_is_invalid()
    {
        // Attack: unexpected X509Data content (here a CRL) that some verifiers parse and act on.
        var document = Genuine();
        DsElement(document, "X509Data").AppendChild(NewDs(document, "X509CRL", "AAAA"));

        AssertInvalid(Verify(Reparse(document)), "key-info", "X509Data may not contain X509CRL");
    }

    [Test]
    public void An_element_of_another_namespace_in_KeyInfo_is_invalid()
    {
        // Attack: a foreign key hint (for example a WS-Security reference) for a verifier that resolves it.
        var document = Genuine();
        var foreign = document.CreateElement("wsse", "SecurityTokenReference", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");
        KeyInfo(document).AppendChild(foreign);

        AssertInvalid(Verify(Reparse(document)), "key-info", "Unexpected element", "SecurityTokenReference");
    }

    [Test]
    public void A_KeyValue_of_another_key_kind_is_invalid()
    {
        // Attack: a KeyValue of another key kind (DSA), which the certificate's RSA key cannot equal.
        var document = Genuine();
        var keyValue = NewDs(document, "KeyValue");
        var dsa = NewDs(document, "DSAKeyValue");
        dsa.AppendChild(NewDs(document, "Y", "AAAA"));
        keyValue.AppendChild(dsa);
        KeyInfo(document).AppendChild(keyValue);

        AssertInvalid(Verify(Reparse(document)), "key-match", "not the public key");
    }
}
