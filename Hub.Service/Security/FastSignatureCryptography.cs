using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Hub.Service.Security.Canonicalization;

namespace Hub.Service.Security;

/// <summary>
/// The cryptographic checks without SignedXml: the hub's own canonicalizer writes the document (minus the enveloped
/// signature) straight into the digest, and the canonical SignedInfo is verified with the signer certificate's key.
/// Same inputs and the same verdicts as <see cref="ReferenceSignatureCryptography"/> (differential tests hold it to
/// that), at a fraction of the cost; and it names which of the two checks failed.
/// </summary>
public sealed class FastSignatureCryptography : ISignatureCryptography
{
    // Public keys of the registered certificates, made once per certificate object (verification is thread-safe for
    // RSA and ECDsa public keys; the entries go when the certificate objects do).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<X509Certificate2, AsymmetricAlgorithm> s_keys = new();

    public VerificationResult? Check(XmlDocument document, XmlElement signature, SignatureStructure structure, X509Certificate2 signer)
    {
        var subject = signer.Subject;
        var thumbprint = EnvelopeSignatureVerifier.Thumbprint(signer);
        try
        {
            // digest: a Reference with URI="" is the document without comments (XML-DSig 4.3.3.2), whatever the
            // canonicalization's comment variant says.
            using var hash = IncrementalHash.CreateHash(SignatureAlgorithms.DigestMethods[structure.DigestMethod]);
            XmlCanonicalizer.Canonicalize(document, WithoutComments(structure.ReferenceCanonicalization),
                structure.EnvelopedTransform ? signature : null, structure.ReferenceInclusivePrefixes, hash);
            if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), structure.DigestValue))
                return VerificationResult.Invalid("digest",
                    "The document's digest does not match the signed DigestValue: the document was changed after signing.", subject, thumbprint);

            // signature-value: over the canonical SignedInfo, with the certificate's key (never a key from KeyInfo).
            var signedInfo = XmlCanonicalizer.Canonicalize(structure.SignedInfo, MethodOf(structure.CanonicalizationMethod), null,
                structure.SignedInfoInclusivePrefixes);
            var (ecdsa, hashName) = SignatureAlgorithms.SignatureMethods[structure.SignatureMethod];
            var key = s_keys.GetValue(signer, static c => (AsymmetricAlgorithm?)c.GetRSAPublicKey() ?? c.GetECDsaPublicKey()!);
            var valid = ecdsa
                ? key is ECDsa ec && ec.VerifyData(signedInfo, structure.SignatureValue, hashName)
                : key is RSA rsa && rsa.VerifyData(signedInfo, structure.SignatureValue, hashName, RSASignaturePadding.Pkcs1);
            return valid
                ? null
                : VerificationResult.Invalid("signature-value",
                    "The SignatureValue does not match: SignedInfo was changed after signing, or it was not signed with this certificate's key.",
                    subject, thumbprint);
        }
        catch (NotSupportedException e)
        {
            return VerificationResult.Invalid("canonicalization", $"The document cannot be canonicalized: {e.Message}", subject, thumbprint);
        }
        catch (CryptographicException e)
        {
            return VerificationResult.Invalid("signature-value", $"The signature could not be checked: {e.Message}", subject, thumbprint);
        }
    }

    private static C14NMethod MethodOf(string algorithm) => algorithm switch
    {
        SignatureAlgorithms.C14N => C14NMethod.Inclusive,
        SignatureAlgorithms.C14NWithComments => C14NMethod.InclusiveWithComments,
        SignatureAlgorithms.ExcC14N => C14NMethod.Exclusive,
        SignatureAlgorithms.ExcC14NWithComments => C14NMethod.ExclusiveWithComments,
        _ => throw new NotSupportedException($"canonicalization {algorithm}"),
    };

    private static C14NMethod WithoutComments(string algorithm) => MethodOf(algorithm) switch
    {
        C14NMethod.InclusiveWithComments => C14NMethod.Inclusive,
        C14NMethod.ExclusiveWithComments => C14NMethod.Exclusive,
        var method => method,
    };
}
