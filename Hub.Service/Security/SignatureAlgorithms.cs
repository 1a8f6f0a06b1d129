using System.Security.Cryptography;
using System.Security.Cryptography.Xml;

namespace Hub.Service.Security;

/// <summary>
/// The allow-lists of protocol.md section 4: RSA and ECDSA with SHA-256/384/512; SHA-256/384/512 digests; the
/// enveloped-signature transform and C14N 1.0 / exclusive C14N 1.0 (with or without comments). Everything else —
/// SHA-1, MD5, HMAC, XSLT, XPath, base64 and any unknown URI — is refused.
/// </summary>
public static class SignatureAlgorithms
{
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string RsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    public const string RsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
    public const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public const string EcdsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    public const string EcdsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";

    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string Sha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    public const string Sha512 = "http://www.w3.org/2001/04/xmlenc#sha512";

    public const string Enveloped = SignedXml.XmlDsigEnvelopedSignatureTransformUrl;
    public const string C14N = SignedXml.XmlDsigC14NTransformUrl;
    public const string C14NWithComments = SignedXml.XmlDsigC14NWithCommentsTransformUrl;
    public const string ExcC14N = SignedXml.XmlDsigExcC14NTransformUrl;
    public const string ExcC14NWithComments = SignedXml.XmlDsigExcC14NWithCommentsTransformUrl;

    /// <summary>Signature methods: URI → (key kind, hash).</summary>
    public static readonly IReadOnlyDictionary<string, (bool Ecdsa, HashAlgorithmName Hash)> SignatureMethods =
        new Dictionary<string, (bool, HashAlgorithmName)>(StringComparer.Ordinal)
        {
            [RsaSha256] = (false, HashAlgorithmName.SHA256),
            [RsaSha384] = (false, HashAlgorithmName.SHA384),
            [RsaSha512] = (false, HashAlgorithmName.SHA512),
            [EcdsaSha256] = (true, HashAlgorithmName.SHA256),
            [EcdsaSha384] = (true, HashAlgorithmName.SHA384),
            [EcdsaSha512] = (true, HashAlgorithmName.SHA512),
        };

    public static readonly IReadOnlyDictionary<string, HashAlgorithmName> DigestMethods =
        new Dictionary<string, HashAlgorithmName>(StringComparer.Ordinal)
        {
            [Sha256] = HashAlgorithmName.SHA256,
            [Sha384] = HashAlgorithmName.SHA384,
            [Sha512] = HashAlgorithmName.SHA512,
        };

    public static readonly IReadOnlySet<string> Canonicalizations =
        new HashSet<string>(StringComparer.Ordinal) { C14N, C14NWithComments, ExcC14N, ExcC14NWithComments };

    public static readonly IReadOnlySet<string> Transforms =
        new HashSet<string>(StringComparer.Ordinal) { Enveloped, C14N, C14NWithComments, ExcC14N, ExcC14NWithComments };

    private static int s_registered;

    /// <summary>
    /// Teaches SignedXml the ECDSA signature methods (it knows only RSA and DSA). Idempotent; the signer and the
    /// reference verifier call it.
    /// </summary>
    public static void RegisterEcdsa()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 1) return;
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha256Description), EcdsaSha256);
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha384Description), EcdsaSha384);
        CryptoConfig.AddAlgorithm(typeof(EcdsaSha512Description), EcdsaSha512);
    }

    /// <summary>XML-DSig ECDSA: the signature is r || s (IEEE P1363), as .NET's ECDsa produces by default.</summary>
    public abstract class EcdsaDescription : SignatureDescription
    {
        private readonly HashAlgorithmName _hash;

        protected EcdsaDescription(HashAlgorithmName hash)
        {
            _hash = hash;
            KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
            DigestAlgorithm = hash.Name;
        }

        public override HashAlgorithm CreateDigest() => _hash.Name switch
        {
            "SHA256" => SHA256.Create(),
            "SHA384" => SHA384.Create(),
            _ => SHA512.Create(),
        };

        public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new EcdsaDeformatter((ECDsa)key);

        public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new EcdsaFormatter((ECDsa)key);
    }

    public sealed class EcdsaSha256Description() : EcdsaDescription(HashAlgorithmName.SHA256);

    public sealed class EcdsaSha384Description() : EcdsaDescription(HashAlgorithmName.SHA384);

    public sealed class EcdsaSha512Description() : EcdsaDescription(HashAlgorithmName.SHA512);

    private sealed class EcdsaDeformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();
        public override void SetHashAlgorithm(string strName) { }
        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) => key.VerifyHash(rgbHash, rgbSignature);
    }

    private sealed class EcdsaFormatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();
        public override void SetHashAlgorithm(string strName) { }
        public override byte[] CreateSignature(byte[] rgbHash) => key.SignHash(rgbHash);
    }
}
