using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hub.Service.Security.Canonicalization;

namespace Hub.Service.Security;

/// <summary>
/// Signs a certificate or permit the way the hub verifies it: an enveloped ds:Signature as the last child of the root,
/// one Reference URI="" with the enveloped-signature transform and a canonicalization, RSA or ECDSA with SHA-2, and the
/// signing certificate in KeyInfo/X509Data. For countries' IT teams to produce valid test documents.
/// </summary>
/// <remarks>
/// Canonicalization is the hub's own (<see cref="XmlCanonicalizer"/>), not SignedXml's: SignedXml's exclusive C14N
/// of SignedInfo copies inherited xml:* attributes, so its signatures of a document whose root carries xml:lang fail in
/// every conforming verifier (xmlsec1, Java, the hub).
/// </remarks>
public static class DocumentSigner
{
    private const string Ds = EnvelopeSignatureVerifier.DsigNamespace;

    public static void Sign(XmlDocument document, X509Certificate2 certificate, bool exclusive = true, string digest = "sha256")
    {
        var root = document.DocumentElement ?? throw new ArgumentException("The document has no root element.", nameof(document));
        if (XmlTree.Descendants(document, "Signature", Ds).Any())
            throw new ArgumentException("The document is already signed.", nameof(document));

        var (hashName, digestUri, bits) = digest.ToLowerInvariant() switch
        {
            "sha256" => (HashAlgorithmName.SHA256, SignatureAlgorithms.Sha256, "256"),
            "sha384" => (HashAlgorithmName.SHA384, SignatureAlgorithms.Sha384, "384"),
            "sha512" => (HashAlgorithmName.SHA512, SignatureAlgorithms.Sha512, "512"),
            _ => throw new ArgumentException($"Unknown digest '{digest}': use sha256, sha384 or sha512.", nameof(digest)),
        };
        using var rsa = certificate.GetRSAPrivateKey();
        using var ecdsa = rsa is null ? certificate.GetECDsaPrivateKey() : null;
        if (rsa is null && ecdsa is null) throw new ArgumentException("The certificate has no RSA or ECDSA private key.", nameof(certificate));
        var signatureMethod = (rsa is not null ? "http://www.w3.org/2001/04/xmldsig-more#rsa-sha" : "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha") + bits;
        var c14n = exclusive ? SignatureAlgorithms.ExcC14N : SignatureAlgorithms.C14N;
        var method = exclusive ? C14NMethod.Exclusive : C14NMethod.Inclusive;

        // The digest of the document as it is now is the digest of the signed document minus its enveloped signature.
        var digestValue = Convert.ToBase64String(CryptographicOperations.HashData(hashName, XmlCanonicalizer.Canonicalize(document, method)));

        var signature = Element(document, "Signature");
        // The DOM binds names to namespaces but writes no declaration by itself: declare the default namespace, which the
        // canonicalizer (and every reader of the output) takes as the binding.
        signature.SetAttribute("xmlns", Ds);
        var signedInfo = Append(signature, "SignedInfo");
        Append(signedInfo, "CanonicalizationMethod").SetAttribute("Algorithm", c14n);
        Append(signedInfo, "SignatureMethod").SetAttribute("Algorithm", signatureMethod);
        var reference = Append(signedInfo, "Reference");
        reference.SetAttribute("URI", "");
        var transforms = Append(reference, "Transforms");
        Append(transforms, "Transform").SetAttribute("Algorithm", SignatureAlgorithms.Enveloped);
        Append(transforms, "Transform").SetAttribute("Algorithm", c14n);
        Append(reference, "DigestMethod").SetAttribute("Algorithm", digestUri);
        Append(reference, "DigestValue").InnerText = digestValue;
        var signatureValue = Append(signature, "SignatureValue");
        Append(Append(Append(signature, "KeyInfo"), "X509Data"), "X509Certificate").InnerText = Convert.ToBase64String(certificate.RawData);
        root.AppendChild(signature);

        // SignedInfo is canonicalized in place, in the namespace context of the document it now belongs to.
        var canonicalSignedInfo = XmlCanonicalizer.Canonicalize(signedInfo, method);
        var value = rsa is not null
            ? rsa.SignData(canonicalSignedInfo, hashName, RSASignaturePadding.Pkcs1)
            : ecdsa!.SignData(canonicalSignedInfo, hashName);
        signatureValue.InnerText = Convert.ToBase64String(value);
    }

    private static XmlElement Element(XmlDocument document, string name) => document.CreateElement(name, Ds);

    private static XmlElement Append(XmlElement parent, string name) =>
        (XmlElement)parent.AppendChild(parent.OwnerDocument.CreateElement(name, Ds))!;
}
