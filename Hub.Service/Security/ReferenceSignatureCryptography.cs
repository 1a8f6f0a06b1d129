using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Hub.Service.Security;

/// <summary>
/// The cryptographic checks done by the runtime's SignedXml: the reference implementation that any faster path must
/// agree with. No resolver (nothing is fetched); the key is the signer certificate's, never one from KeyInfo.
/// </summary>
public sealed class ReferenceSignatureCryptography : ISignatureCryptography
{
    static ReferenceSignatureCryptography() => SignatureAlgorithms.RegisterEcdsa();

    public VerificationResult? Check(XmlDocument document, XmlElement signature, SignatureStructure structure, X509Certificate2 signer)
    {
        var subject = signer.Subject;
        var thumbprint = EnvelopeSignatureVerifier.Thumbprint(signer);
        var signedXml = new SignedXml(document) { Resolver = null! };
        try
        {
            signedXml.LoadXml(signature);
            AsymmetricAlgorithm key = (AsymmetricAlgorithm?)signer.GetRSAPublicKey() ?? signer.GetECDsaPublicKey()!;
            if (signedXml.CheckSignature(key)) return null;
        }
        catch (CryptographicException e)
        {
            return VerificationResult.Invalid("signature-value", $"The signature could not be checked: {e.Message}", subject, thumbprint);
        }
        return VerificationResult.Invalid("signature-value",
            "The digest or the SignatureValue does not match: the document was changed after signing, or it was not signed with this certificate's key.",
            subject, thumbprint);
    }
}
