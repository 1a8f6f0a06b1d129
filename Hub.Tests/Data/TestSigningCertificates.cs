using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hub.Tests.Data;

/// <summary>Self-signed certificates made once per test run, as a national signing authority might register them.</summary>
internal static class TestSigningCertificates
{
    private static readonly Lazy<byte[]> s_rsa = new(() => Create("CN=NPPO NL signing 2024, O=NVWA, C=NL", rsa: true));
    private static readonly Lazy<byte[]> s_ecdsa = new(() => Create("CN=NPPO NL signing 2025, O=NVWA, C=NL", rsa: false));
    private static readonly Lazy<byte[]> s_other = new(() => Create("CN=KEPHIS signing, O=KEPHIS, C=KE", rsa: false));

    /// <summary>The DER of an RSA-2048 certificate.</summary>
    public static byte[] RsaDer => s_rsa.Value;

    /// <summary>The DER of an ECDSA P-256 certificate (the rollover successor of <see cref="RsaDer"/>).</summary>
    public static byte[] EcdsaDer => s_ecdsa.Value;

    /// <summary>The DER of a third certificate, of another authority.</summary>
    public static byte[] OtherDer => s_other.Value;

    public static string Base64(byte[] der) => Convert.ToBase64String(der);

    /// <summary>The base64 wrapped at 64 columns with CR LF and surrounded by blanks, as pasted from a PEM file.</summary>
    public static string Wrapped(byte[] der)
    {
        var base64 = Convert.ToBase64String(der);
        var lines = Enumerable.Range(0, (base64.Length + 63) / 64)
            .Select(i => base64.Substring(i * 64, Math.Min(64, base64.Length - (i * 64))));
        return "\r\n  " + string.Join("\r\n", lines) + "\n\t ";
    }

    /// <summary>The SHA-256 of the DER, upper-case hex: the key the store files it under.</summary>
    public static string Thumbprint(byte[] der) => Convert.ToHexString(SHA256.HashData(der));

    private static byte[] Create(string subject, bool rsa)
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = notBefore.AddYears(2);
        if (rsa)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(notBefore, notAfter);
            return certificate.RawData;
        }

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            using var certificate = request.CreateSelfSigned(notBefore, notAfter);
            return certificate.RawData;
        }
    }
}
