using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hub.Service.Security;

namespace Hub.Tests.Security;

/// <summary>
/// What an attacker (or a careless signer) can produce: signatures built with SignedXml in shapes the hub's signer never
/// makes (other references, transforms and algorithms), and <see cref="Resign"/>, which recomputes the SignatureValue
/// over an edited SignedInfo with a key the attacker holds, so that only the structural checks stand in the way.
/// </summary>
internal static class SignatureForgery
{
    /// <summary>A Reference URI="" with the given transforms (default: enveloped-signature, exclusive C14N).</summary>
    public static Reference WholeDocument(string digestMethod = SignatureAlgorithms.Sha256, params Transform[] transforms)
    {
        var reference = new Reference("") { DigestMethod = digestMethod };
        if (transforms.Length == 0) transforms = [new XmlDsigEnvelopedSignatureTransform(), new XmlDsigExcC14NTransform()];
        foreach (var transform in transforms) reference.AddTransform(transform);
        return reference;
    }

    /// <summary>
    /// Signs with SignedXml: the references given, the signature method given (default: the key's with SHA-256),
    /// exclusive C14N of SignedInfo, and KeyInfo/X509Data holding <paramref name="embedded"/> (default: the signer).
    /// Returns the document as the recipient parses it.
    /// </summary>
    public static XmlDocument Sign(
        XmlDocument document, X509Certificate2 signer, IEnumerable<Reference> references, string? signatureMethod = null,
        IReadOnlyList<X509Certificate2>? embedded = null)
    {
        SignatureAlgorithms.RegisterEcdsa();
        var key = PrivateKey(signer);
        var signedXml = new SignedXml(document) { SigningKey = key, Resolver = null! };
        signedXml.SignedInfo!.CanonicalizationMethod = SignatureAlgorithms.ExcC14N;
        signedXml.SignedInfo.SignatureMethod = signatureMethod ?? (key is ECDsa ? SignatureAlgorithms.EcdsaSha256 : SignatureAlgorithms.RsaSha256);
        foreach (var reference in references) signedXml.AddReference(reference);
        signedXml.KeyInfo = X509KeyInfo(embedded ?? [signer]);
        signedXml.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signedXml.GetXml(), deep: true));
        return SignatureDocuments.Reparse(document);
    }

    /// <summary>Signs with an HMAC-SHA256 secret, optionally with HMACOutputLength (in bits), embedding a registered certificate.</summary>
    public static XmlDocument SignWithHmac(XmlDocument document, byte[] secret, X509Certificate2 embedded, string? outputLengthBits = null)
    {
        var signedXml = new SignedXml(document) { Resolver = null! };
        signedXml.SignedInfo!.CanonicalizationMethod = SignatureAlgorithms.ExcC14N;
        if (outputLengthBits is not null) signedXml.SignedInfo.SignatureLength = outputLengthBits;
        signedXml.AddReference(WholeDocument());
        signedXml.KeyInfo = X509KeyInfo([embedded]);
        using var hmac = new HMACSHA256(secret);
        signedXml.ComputeSignature(hmac);
        document.DocumentElement!.AppendChild(document.ImportNode(signedXml.GetXml(), deep: true));
        return SignatureDocuments.Reparse(document);
    }

    /// <summary>
    /// Recomputes the SignatureValue over the document's (edited) SignedInfo with <paramref name="keyHolder"/>'s private
    /// key, as SignedXml canonicalizes it (the SignedInfo alone, with the namespaces in scope at the Signature). The
    /// DigestValue is left as it is. Returns the document as the recipient parses it.
    /// </summary>
    public static XmlDocument Resign(XmlDocument document, X509Certificate2 keyHolder)
    {
        var signature = SignatureDocuments.SignatureOf(document);
        var signedInfo = SignatureDocuments.DsElement(document, "SignedInfo");
        var canonicalization = SignatureDocuments.DsElement(document, "CanonicalizationMethod").GetAttribute("Algorithm");
        var method = SignatureDocuments.DsElement(document, "SignatureMethod").GetAttribute("Algorithm");

        var alone = new XmlDocument { PreserveWhitespace = true };
        alone.AppendChild(alone.ImportNode(signedInfo, deep: true));
        for (XmlNode? scope = signature; scope is XmlElement element; scope = scope.ParentNode)
        {
            foreach (XmlAttribute attribute in element.Attributes)
            {
                if (attribute.NamespaceURI == "http://www.w3.org/2000/xmlns/" && !alone.DocumentElement!.HasAttribute(attribute.Name))
                    alone.DocumentElement.SetAttributeNode((XmlAttribute)alone.ImportNode(attribute, deep: true));
            }
        }

        Transform c14n = canonicalization is SignatureAlgorithms.ExcC14N or SignatureAlgorithms.ExcC14NWithComments
            ? new XmlDsigExcC14NTransform(canonicalization == SignatureAlgorithms.ExcC14NWithComments)
            : new XmlDsigC14NTransform(canonicalization == SignatureAlgorithms.C14NWithComments);
        c14n.LoadInput(alone);
        using var canonical = (Stream)c14n.GetOutput(typeof(Stream));
        using var bytes = new MemoryStream();
        canonical.CopyTo(bytes);

        var hash = HashOf(method);
        var key = PrivateKey(keyHolder);
        var value = key is ECDsa ecdsa
            ? ecdsa.SignData(bytes.ToArray(), hash)
            : ((RSA)key).SignData(bytes.ToArray(), hash, RSASignaturePadding.Pkcs1);
        SignatureDocuments.DsElement(document, "SignatureValue").InnerText = Convert.ToBase64String(value);
        return SignatureDocuments.Reparse(document);
    }

    /// <summary>Flips bits in the middle of a base64 value element (SignatureValue, DigestValue).</summary>
    public static XmlDocument FlipBits(XmlDocument document, string valueElement)
    {
        var element = SignatureDocuments.DsElement(document, valueElement);
        var bytes = Convert.FromBase64String(element.InnerText);
        bytes[bytes.Length / 2] ^= 0x5A;
        element.InnerText = Convert.ToBase64String(bytes);
        return SignatureDocuments.Reparse(document);
    }

    /// <summary>An X509Data KeyInfo with the certificates in order.</summary>
    public static KeyInfo X509KeyInfo(IEnumerable<X509Certificate2> certificates)
    {
        var data = new KeyInfoX509Data();
        foreach (var certificate in certificates) data.AddCertificate(certificate);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(data);
        return keyInfo;
    }

    private static AsymmetricAlgorithm PrivateKey(X509Certificate2 certificate) =>
        (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
        ?? throw new ArgumentException("The certificate has no private key.", nameof(certificate));

    private static HashAlgorithmName HashOf(string signatureMethod) => signatureMethod[^3..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        "ha1" => HashAlgorithmName.SHA1,
        _ => HashAlgorithmName.SHA256,
    };
}
