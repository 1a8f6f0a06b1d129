using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Hub.Service.Security;

/// <summary>
/// Signs a certificate or permit the way the hub verifies it: an enveloped ds:Signature as the last child of the root,
/// one Reference URI="" with the enveloped-signature transform and a canonicalization, RSA or ECDSA with SHA-2, and the
/// signing certificate in KeyInfo/X509Data. For countries' IT teams to produce valid test documents.
/// </summary>
public static class DocumentSigner
{
    public static void Sign(XmlDocument document, X509Certificate2 certificate, bool exclusive = true, string digest = "sha256")
    {
        SignatureAlgorithms.RegisterEcdsa();
        var root = document.DocumentElement ?? throw new ArgumentException("The document has no root element.", nameof(document));
        if (XmlTree.Descendants(document, "Signature", EnvelopeSignatureVerifier.DsigNamespace).Any())
            throw new ArgumentException("The document is already signed.", nameof(document));

        var (hash, digestUri) = digest.ToLowerInvariant() switch
        {
            "sha256" => ("256", SignatureAlgorithms.Sha256),
            "sha384" => ("384", SignatureAlgorithms.Sha384),
            "sha512" => ("512", SignatureAlgorithms.Sha512),
            _ => throw new ArgumentException($"Unknown digest '{digest}': use sha256, sha384 or sha512.", nameof(digest)),
        };
        AsymmetricAlgorithm key;
        string method;
        if (certificate.GetRSAPrivateKey() is { } rsa)
        {
            key = rsa;
            method = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha" + hash;
        }
        else if (certificate.GetECDsaPrivateKey() is { } ecdsa)
        {
            key = ecdsa;
            method = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha" + hash;
        }
        else
        {
            throw new ArgumentException("The certificate has no RSA or ECDSA private key.", nameof(certificate));
        }

        var signedXml = new SignedXml(document) { SigningKey = key, Resolver = null! };
        signedXml.SignedInfo!.CanonicalizationMethod = exclusive ? SignatureAlgorithms.ExcC14N : SignatureAlgorithms.C14N;
        signedXml.SignedInfo.SignatureMethod = method;
        var reference = new Reference("") { DigestMethod = digestUri };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(exclusive ? new XmlDsigExcC14NTransform() : new XmlDsigC14NTransform());
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        root.AppendChild(document.ImportNode(signedXml.GetXml(), deep: true));
    }
}
