using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hub.Data;

namespace Hub.Service.Security;

/// <summary>
/// Participants' registered signing certificates (stored as base64 DER), parsed once per distinct value and shared by
/// the verifier and the directory operations that publish them. The register is small (a few per participant).
/// </summary>
public sealed class SigningCertificates
{
    private readonly ConcurrentDictionary<string, X509Certificate2?> _parsed = new(StringComparer.Ordinal);

    /// <summary>The participant's signing certificates, in registration order (an unparsable entry is skipped).</summary>
    public List<X509Certificate2> Of(ParticipantRecord participant) =>
        participant.SigningCertificates.Select(base64 => _parsed.GetOrAdd(base64, Parse)).OfType<X509Certificate2>().ToList();

    /// <summary>
    /// The one the contract publishes as Signature{dn, certificate} (it has room for one): the certificate valid at
    /// <paramref name="now"/> that expires last (during a rollover, the new one), else the first registered.
    /// </summary>
    public X509Certificate2? Published(ParticipantRecord participant, DateTime now)
    {
        var all = Of(participant);
        return all.Where(c => c.NotBefore <= now && now <= c.NotAfter).OrderByDescending(c => c.NotAfter).FirstOrDefault()
            ?? all.FirstOrDefault();
    }

    private static X509Certificate2? Parse(string base64)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
