using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// Legitimate signature shapes that other signers produce (found by probing xmlsec1 and xml-crypto), accepted; and
/// their near misses, refused.
/// </summary>
public class InteropShapeTests
{
    private const string Dsig11 = "http://www.w3.org/2009/xmldsig11#";

    private static XmlElement EcKeyValue(XmlDocument document, ECDsa key, string? curveOid = null)
    {
        var parameters = key.ExportParameters(false);
        var keyValue = document.CreateElement("ds", "KeyValue", EnvelopeSignatureVerifier.DsigNamespace);
        var ec = document.CreateElement("dsig11", "ECKeyValue", Dsig11);
        var curve = document.CreateElement("dsig11", "NamedCurve", Dsig11);
        curve.SetAttribute("URI", "urn:oid:" + (curveOid ?? parameters.Curve.Oid.Value));
        var point = document.CreateElement("dsig11", "PublicKey", Dsig11);
        point.InnerText = Convert.ToBase64String([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]);
        ec.AppendChild(curve);
        ec.AppendChild(point);
        keyValue.AppendChild(ec);
        return keyValue;
    }

    [Test]
    public void An_ECDSA_signature_with_the_certificates_own_ECKeyValue_is_valid()
    {
        // XML-DSig 1.1 ECKeyValue, as xmlsec 1.3 or Apache Santuario write it: KeyInfo is unsigned, the key is the certificate's.
        var document = SignedSample(SignerCertificates.SenderEcdsa);
        DsElement(document, "KeyInfo").AppendChild(EcKeyValue(document, SignerCertificates.SenderEcdsa.GetECDsaPublicKey()!));

        Assert.That(Verify(Reparse(document)).Verdict, Is.EqualTo(SignatureVerdict.Valid));
    }

    [Test]
    public void An_ECKeyValue_with_another_point_or_curve_is_invalid()
    {
        // Attack: a verifier that took the KeyValue would check with the attacker's EC key.
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var document = SignedSample(SignerCertificates.SenderEcdsa);
        DsElement(document, "KeyInfo").AppendChild(EcKeyValue(document, attacker));
        Assert.That(Verify(Reparse(document)).Check, Is.EqualTo("key-match"));

        var wrongCurve = SignedSample(SignerCertificates.SenderEcdsa);
        DsElement(wrongCurve, "KeyInfo").AppendChild(EcKeyValue(wrongCurve, SignerCertificates.SenderEcdsa.GetECDsaPublicKey()!, "1.3.132.0.34"));
        Assert.That(Verify(Reparse(wrongCurve)).Check, Is.EqualTo("key-match"));
    }

    [Test]
    public void InclusiveNamespaces_inside_the_enveloped_transform_as_xml_crypto_writes_it_is_refused_like_SignedXml_does()
    {
        // xml-crypto copies a reference's InclusiveNamespaces into every transform. xmlsec1 ignores it there, SignedXml
        // refuses it ("Unknown transform"); where the two differ the hub sides with the stricter reference.
        var document = SignedSample(SignerCertificates.SenderRsa);
        var enveloped = DsElement(document, "Transform");
        var inclusive = document.CreateElement("ec", "InclusiveNamespaces", "http://www.w3.org/2001/10/xml-exc-c14n#");
        inclusive.SetAttribute("PrefixList", "ns1");
        enveloped.AppendChild(inclusive);
        var resigned = SignatureForgery.Resign(document, SignerCertificates.SenderRsa);

        var result = Verify(Reparse(resigned));
        Assert.That(result.Check, Is.EqualTo("transforms"));
        Assert.That(result.Reason, Does.Contain("takes no parameters"));
    }

    [Test]
    public void An_empty_X509IssuerSerial_is_a_key_info_failure_not_a_crypto_error()
    {
        var document = SignedSample(SignerCertificates.SenderRsa);
        var data = DsElement(document, "X509Data");
        data.AppendChild(document.CreateElement("ds", "X509IssuerSerial", EnvelopeSignatureVerifier.DsigNamespace));

        var result = Verify(Reparse(document));
        Assert.That(result.Check, Is.EqualTo("key-info"));
        Assert.That(result.Reason, Does.Contain("X509IssuerSerial must hold"));
    }
}
