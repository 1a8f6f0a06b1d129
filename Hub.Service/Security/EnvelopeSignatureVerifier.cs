using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Options;

namespace Hub.Service.Security;

/// <summary>
/// Verifies the enveloped XML-DSig signature of a certificate or permit as a fail-closed sequence of named checks.
/// Each check either passes or ends verification with its name and a reason; only a document that passes all of them
/// is <see cref="SignatureVerdict.Valid"/>. The structure is checked on the parsed document before any cryptography, so
/// that nothing but the one shape protocol.md section 4 allows reaches the digest and signature computation.
/// </summary>
public sealed class EnvelopeSignatureVerifier(IOptions<SignatureOptions> options, ISignatureCryptography cryptography)
{
    public const string DsigNamespace = "http://www.w3.org/2000/09/xmldsig#";
    public const string Dsig11Namespace = "http://www.w3.org/2009/xmldsig11#";
    private const string RsaPublicKeyOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private readonly SignatureOptions _options = options.Value;

    /// <summary>Verifies <paramref name="document"/> against the sender's registered signing certificates.</summary>
    public VerificationResult Verify(XmlDocument document, IReadOnlyList<X509Certificate2> registered, DateTimeOffset deliveredAt)
    {
        var root = document.DocumentElement;
        if (root is null) return VerificationResult.Invalid("document", "The document has no root element.");

        // content-limits: depth, elements and attributes bounded before anything walks the document again.
        if (ContentLimits.Check(document, _options, out var hasComments) is { } tooLarge) return VerificationResult.Invalid("content-limits", tooLarge);

        // signature-count: exactly one ds:Signature anywhere in the document (a second one, even nested, is refused).
        var signatures = XmlTree.Descendants(document, "Signature", DsigNamespace).ToList();
        if (signatures.Count == 0) return VerificationResult.Unsigned();
        if (signatures.Count > 1)
            return VerificationResult.Invalid("signature-count", $"The document carries {signatures.Count} ds:Signature elements; exactly one is allowed.");
        var signature = signatures[0];

        // signature-position: an enveloped signature is a child of the root element.
        if (signature.ParentNode != root)
            return VerificationResult.Invalid("signature-position", "The ds:Signature must be a child of the document's root element (an enveloped signature).");

        // signature-size (after content-limits, so that writing the XML of the signature is linear in its size)
        var size = signature.OuterXml.Length;
        if (size > _options.MaxSignatureChars)
            return VerificationResult.Invalid("signature-size", $"The ds:Signature is {size} characters long; at most {_options.MaxSignatureChars} are allowed (limit MaxSignatureChars).");

        var structure = SignatureStructure.Read(signature, _options);
        if (structure.Failure is { } failure) return failure;

        // certificate-registered: the signer's certificate must be one of the sender's registered signing certificates
        // (compared as DER bytes; the registered, already parsed certificate is the one used from here on).
        // In KeyInfo order (the signer's certificate first, then its chain), the first one that is registered.
        var signer = structure.Certificates
            .Select(c => registered.FirstOrDefault(r => r.RawDataMemory.Span.SequenceEqual(c)))
            .FirstOrDefault(r => r is not null);
        if (signer is null)
        {
            X509Certificate2 first;
            try
            {
                first = X509CertificateLoader.LoadCertificate(structure.Certificates[0]);
            }
            catch (CryptographicException)
            {
                return VerificationResult.Invalid("key-info", "An X509Certificate is not a base64 DER certificate.");
            }
            using (first)
            {
                return VerificationResult.Invalid("certificate-registered",
                    $"The signing certificate (subject '{first.Subject}', SHA-256 {Thumbprint(first)}) is not registered as a signing certificate of the sender.",
                    first.Subject, Thumbprint(first));
            }
        }
        var subject = signer.Subject;
        var thumbprint = Thumbprint(signer);

        // key-match: a KeyValue, if given, must be the certificate's own key (the key is taken from the certificate).
        if (structure.KeyValue is { } keyValue && !KeyMatches(keyValue, signer))
            return VerificationResult.Invalid("key-match", "The KeyInfo KeyValue is not the public key of the embedded certificate.", subject, thumbprint);

        // signing-time: a stated signing time may not lie in the future, nor further back than MaxSigningTimeAge (which
        // bounds back-dating with a retired key).
        var stated = SigningTime(root, signature);
        if (stated > deliveredAt + _options.MaxSigningTimeSkew)
            return VerificationResult.Invalid("signing-time", $"The document states a signing time ({stated.Value.UtcDateTime:u}) after its delivery.", subject, thumbprint);
        if (stated < deliveredAt - _options.MaxSigningTimeAge)
            return VerificationResult.Invalid("signing-time",
                $"The document states a signing time ({stated.Value.UtcDateTime:u}) more than {_options.MaxSigningTimeAge.TotalDays:0} days before its delivery (limit MaxSigningTimeAge).", subject, thumbprint);

        // certificate-validity: at the signing time the signed content states, or at delivery where it states none.
        var at = stated ?? deliveredAt;
        if (at < signer.NotBefore.ToUniversalTime() || at > signer.NotAfter.ToUniversalTime())
            return VerificationResult.Invalid("certificate-validity",
                $"The signing certificate is valid from {signer.NotBefore.ToUniversalTime():u} to {signer.NotAfter.ToUniversalTime():u}, not at {at.UtcDateTime:u}.",
                subject, thumbprint);

        // key-algorithm: the certificate's key must be of the kind the SignatureMethod names.
        var usesEcdsa = SignatureAlgorithms.SignatureMethods[structure.SignatureMethod].Ecdsa;
        if (signer.PublicKey.Oid.Value != (usesEcdsa ? EcPublicKeyOid : RsaPublicKeyOid))
            return VerificationResult.Invalid("key-algorithm",
                $"The SignatureMethod {structure.SignatureMethod} does not fit the certificate's key.", subject, thumbprint);

        // digest and signature-value: the cryptography, on exactly the document that arrived.
        var crypto = cryptography.Check(document, signature, structure, signer);
        // A URI="" reference leaves comments out (XML-DSig): say so, for a recipient that reads text around them.
        var valid = hasComments
            ? "The signature is valid. The document contains comments or processing instructions, which no signature covers."
            : "The signature is valid.";
        return crypto ?? new VerificationResult(SignatureVerdict.Valid, "signature-value", valid, subject, thumbprint);
    }

    /// <summary>The one element, or null when there is none or more than one (never an exception).</summary>
    private static XmlElement? SingleOrNull(IEnumerable<XmlElement> elements)
    {
        XmlElement? found = null;
        foreach (var element in elements)
        {
            if (found is not null) return null;
            found = element;
        }
        return found;
    }

    public static string Thumbprint(X509Certificate2 certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>
    /// A KeyValue must hold exactly one key, and it must be the certificate's: an RSAKeyValue (modulus and exponent) for
    /// an RSA certificate, a dsig11:ECKeyValue (named curve and uncompressed public point) for an EC certificate.
    /// </summary>
    private static bool KeyMatches(XmlElement keyValue, X509Certificate2 certificate)
    {
        var keys = keyValue.ChildNodes.OfType<XmlElement>().ToList();
        if (keys.Count != 1) return false;
        var key = keys[0];
        if (key.LocalName == "RSAKeyValue" && key.NamespaceURI == DsigNamespace && certificate.GetRSAPublicKey() is { } rsa)
        {
            using (rsa)
            {
                var parameters = rsa.ExportParameters(false);
                return Base64Equals(key, "Modulus", DsigNamespace, parameters.Modulus) && Base64Equals(key, "Exponent", DsigNamespace, parameters.Exponent);
            }
        }
        if (key.LocalName == "ECKeyValue" && key.NamespaceURI == Dsig11Namespace && certificate.GetECDsaPublicKey() is { } ecdsa)
        {
            using (ecdsa)
            {
                var parameters = ecdsa.ExportParameters(false);
                var curve = SingleOrNull(XmlTree.Descendants(key, "NamedCurve", Dsig11Namespace))?.GetAttribute("URI");
                if (parameters.Curve.Oid?.Value is not { } oid || curve != "urn:oid:" + oid) return false;
                byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
                return Base64Equals(key, "PublicKey", Dsig11Namespace, point);
            }
        }
        return false;
    }

    private static bool Base64Equals(XmlElement parent, string name, string ns, byte[]? expected)
    {
        var text = SingleOrNull(XmlTree.Descendants(parent, name, ns))?.InnerText;
        if (text is null || expected is null) return false;
        try
        {
            return Convert.FromBase64String(text.Trim()).AsSpan().TrimStart((byte)0).SequenceEqual(expected.AsSpan().TrimStart((byte)0));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The signing time a document states: an ePhyto's SignatorySPSAuthentication/ActualDateTime, or XAdES SigningTime.
    /// Only from signed content: the ds:Signature (its KeyInfo above all) is not covered by the signature, so a time
    /// found inside it is anyone's to write.
    /// </summary>
    private static DateTimeOffset? SigningTime(XmlElement root, XmlElement signature)
    {
        foreach (XmlElement authentication in XmlTree.Descendants(root, "SignatorySPSAuthentication", null))
        {
            if (IsInside(authentication, signature)) continue;
            var text = XmlTree.Descendants(authentication, "ActualDateTime", null).FirstOrDefault()?.InnerText.Trim();
            if (ParseDateTime(text) is { } time) return time;
        }
        var xades = XmlTree.Descendants(root, "SigningTime", "http://uri.etsi.org/01903/v1.3.2#")
            .FirstOrDefault(e => !IsInside(e, signature));
        return ParseDateTime(xades?.InnerText.Trim());
    }

    /// <summary>An xs:dateTime (ISO 8601; without a zone it is taken as UTC), strictly; anything else states no time.</summary>
    private static DateTimeOffset? ParseDateTime(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            var value = XmlConvert.ToDateTimeOffset(text);
            var zoned = text.EndsWith('Z') || (text.Length > 19 && text[^6] is '+' or '-' && text[^3] == ':');
            return zoned ? value : new DateTimeOffset(DateTime.SpecifyKind(value.DateTime, DateTimeKind.Unspecified), TimeSpan.Zero);
        }
        catch (FormatException)
        {
            return null;
        }
}

    private static bool IsInside(XmlNode node, XmlElement ancestor)
    {
        for (var current = node.ParentNode; current is not null; current = current.ParentNode)
        {
            if (current == ancestor) return true;
        }
        return false;
    }
}

/// <summary>
/// The cryptographic checks, run only on a signature whose structure passed: the Reference digest over the document
/// (enveloped-signature transform plus the canonicalization named) and the SignatureValue over the canonical SignedInfo.
/// Returns null when both hold, or the failed check.
/// </summary>
public interface ISignatureCryptography
{
    VerificationResult? Check(XmlDocument document, XmlElement signature, SignatureStructure structure, X509Certificate2 signer);
}
