using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hub.Tests.Security;

/// <summary>
/// Signing certificates with their private keys, made once per run with <see cref="CertificateRequest"/>: the sender's
/// two registered certificates (RSA 2048 and ECDSA P-256, as in a rollover), another participant's, one registered to
/// nobody, an impostor with the sender's subject, an expired one, a not-yet-valid one, and a five-certificate chain.
/// </summary>
internal static class SignerCertificates
{
    public const string SenderSubject = "CN=NPPO AR signing, O=SENASA, C=AR";

    /// <summary>The validity of <see cref="Expired"/>: all of 2020.</summary>
    public static readonly DateTimeOffset ExpiredNotBefore = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ExpiredNotAfter = new(2020, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="NotYetValid"/> becomes valid this long after the run started.</summary>
    public static readonly TimeSpan NotYetValidIn = TimeSpan.FromDays(30);

    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;
    private static readonly Lazy<X509Certificate2> s_senderRsa = new(() => Rsa(SenderSubject, s_now.AddDays(-1), s_now.AddYears(2)));
    private static readonly Lazy<X509Certificate2> s_senderEcdsa = new(() => Ecdsa("CN=NPPO AR signing 2025, O=SENASA, C=AR", s_now.AddDays(-1), s_now.AddYears(2)));
    private static readonly Lazy<X509Certificate2> s_other = new(() => Rsa("CN=NPPO KE signing, O=KEPHIS, C=KE", s_now.AddDays(-1), s_now.AddYears(2)));
    private static readonly Lazy<X509Certificate2> s_unregistered = new(() => Ecdsa("CN=Nobody registered, O=Unknown, C=ZZ", s_now.AddDays(-1), s_now.AddYears(1)));
    private static readonly Lazy<X509Certificate2> s_impostor = new(() => Rsa(SenderSubject, s_now.AddDays(-1), s_now.AddYears(2)));
    private static readonly Lazy<X509Certificate2> s_expired = new(() => Rsa("CN=NPPO AR signing 2020, O=SENASA, C=AR", ExpiredNotBefore, ExpiredNotAfter));
    private static readonly Lazy<X509Certificate2> s_notYetValid = new(() => Ecdsa("CN=NPPO AR signing next, O=SENASA, C=AR", s_now + NotYetValidIn, s_now.AddYears(2)));
    private static readonly Lazy<IReadOnlyList<X509Certificate2>> s_chain = new(CreateChain);

    /// <summary>The sender's RSA 2048 signing certificate (registered).</summary>
    public static X509Certificate2 SenderRsa => s_senderRsa.Value;

    /// <summary>The sender's ECDSA P-256 signing certificate (registered too: the rollover successor).</summary>
    public static X509Certificate2 SenderEcdsa => s_senderEcdsa.Value;

    /// <summary>A valid certificate registered to another participant (Kenya), not to the sender.</summary>
    public static X509Certificate2 OtherParticipant => s_other.Value;

    /// <summary>A valid certificate registered to nobody.</summary>
    public static X509Certificate2 Unregistered => s_unregistered.Value;

    /// <summary>A certificate with exactly the sender's subject but a key of its own.</summary>
    public static X509Certificate2 Impostor => s_impostor.Value;

    /// <summary>A certificate that was valid only during 2020.</summary>
    public static X509Certificate2 Expired => s_expired.Value;

    /// <summary>A certificate valid from <see cref="NotYetValidIn"/> after the run started.</summary>
    public static X509Certificate2 NotYetValid => s_notYetValid.Value;

    /// <summary>Leaf (with its private key), three intermediates and the root: leaf first, as KeyInfo carries them.</summary>
    public static IReadOnlyList<X509Certificate2> Chain => s_chain.Value;

    /// <summary>The sender's registered signing certificates as the store holds them: public parts only.</summary>
    public static IReadOnlyList<X509Certificate2> SenderRegistered => Registered(SenderRsa, SenderEcdsa);

    /// <summary>Public-only copies, as a participant's registered certificates are loaded from the store.</summary>
    public static IReadOnlyList<X509Certificate2> Registered(params X509Certificate2[] certificates) =>
        certificates.Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToList();

    public static string Sha256Hex(X509Certificate2 certificate) => Convert.ToHexString(SHA256.HashData(certificate.RawData));

    private static X509Certificate2 Rsa(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static X509Certificate2 Ecdsa(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static IReadOnlyList<X509Certificate2> CreateChain()
    {
        var notBefore = s_now.AddDays(-1);
        var notAfter = s_now.AddYears(2);
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Chain root CA, O=SENASA, C=AR", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var issuer = rootRequest.CreateSelfSigned(notBefore, notAfter);
        var chain = new List<X509Certificate2> { issuer };
        for (var level = 1; level <= 4; level++)
        {
            var leaf = level == 4;
            using var key = RSA.Create(2048);
            var subject = leaf ? "CN=NPPO AR chained signer, O=SENASA, C=AR" : $"CN=Chain intermediate {level}, O=SENASA, C=AR";
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(!leaf, false, 0, true));
            using var issued = request.Create(issuer, notBefore, notAfter, [(byte)level, 0x2A]);
            issuer = issued.CopyWithPrivateKey(key);
            chain.Add(issuer);
        }

        chain.Reverse();
        return chain;
    }
}
