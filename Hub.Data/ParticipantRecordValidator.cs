using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hub.Data;

/// <summary>Checks a batch for <see cref="IParticipantStore.UpsertAsync"/> before any store touches the database.</summary>
internal static class ParticipantRecordValidator
{
    /// <summary>The parameter of the store methods that the batch came in, named in every <see cref="ArgumentException"/>.</summary>
    private const string ParameterName = "participants";

    /// <summary>The signature policies a participant may name (<see cref="SignaturePolicyRecord.Policy"/>), spelled exactly so.</summary>
    public static readonly IReadOnlySet<string> SignaturePolicies =
        new HashSet<string>(["off", "verify-if-present", "required"], StringComparer.Ordinal);

    /// <summary>
    /// The batch with thumbprints upper-cased and de-duplicated per participant, and signing certificates re-encoded
    /// as plain base64 of their DER (whitespace gone) and de-duplicated per participant. Throws
    /// <see cref="ArgumentException"/> for an empty code or name, a code named twice, a thumbprint that is not 64 hex
    /// digits, a thumbprint given to two participants, a document kind (type, status) listed twice for one
    /// participant, a signing certificate that is not base64 of one DER-encoded X.509 certificate, a signature policy
    /// that is not one of <see cref="SignaturePolicies"/>, or a CertificateType with two policies for one participant.
    /// A signing certificate may be given to several participants.
    /// </summary>
    public static IReadOnlyList<ParticipantRecord> Normalize(IReadOnlyList<ParticipantRecord> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var normalized = new List<ParticipantRecord>(participants.Count);
        foreach (var participant in participants)
        {
            ArgumentNullException.ThrowIfNull(participant, nameof(participants));
            if (string.IsNullOrWhiteSpace(participant.Code) || string.IsNullOrWhiteSpace(participant.Name))
            {
                throw new ArgumentException("Every participant needs a code and a name.", nameof(participants));
            }

            if (!codes.Add(participant.Code))
            {
                throw new ArgumentException($"Participant '{participant.Code}' is listed twice.", nameof(participants));
            }

            var thumbprints = new List<string>();
            foreach (var raw in participant.ClientCertificateThumbprints)
            {
                var thumbprint = raw?.ToUpperInvariant() ?? "";
                if (thumbprint.Length != 64 || !thumbprint.All(char.IsAsciiHexDigitUpper))
                {
                    throw new ArgumentException(
                        $"Participant '{participant.Code}' has a certificate thumbprint that is not a SHA-256 hex string: '{raw}'.",
                        nameof(participants));
                }

                if (owners.TryGetValue(thumbprint, out var owner))
                {
                    if (owner == participant.Code)
                    {
                        continue;
                    }

                    throw new ArgumentException(
                        $"Certificate {thumbprint} is given to both '{owner}' and '{participant.Code}'.", nameof(participants));
                }

                owners.Add(thumbprint, participant.Code);
                thumbprints.Add(thumbprint);
            }

            var kinds = new HashSet<(int, int)>();
            foreach (var document in participant.AllowedDocuments)
            {
                ArgumentNullException.ThrowIfNull(document, nameof(participants));
                if (!kinds.Add((document.CertificateType, document.CertificateStatus)))
                {
                    throw new ArgumentException(
                        $"Participant '{participant.Code}' lists document type {document.CertificateType} " +
                        $"status {document.CertificateStatus} twice.", nameof(participants));
                }
            }

            normalized.Add(participant with
            {
                ClientCertificateThumbprints = thumbprints,
                SigningCertificates = NormalizeSigningCertificates(participant),
                SignaturePolicies = CheckSignaturePolicies(participant),
            });
        }

        return normalized;
    }

    /// <summary>The SHA-256 of the DER that <paramref name="base64Der"/> encodes, upper-case hex: a signing certificate's key.</summary>
    public static string SigningCertificateThumbprint(string base64Der) =>
        Convert.ToHexString(SHA256.HashData(Convert.FromBase64String(base64Der)));

    private static List<string> NormalizeSigningCertificates(ParticipantRecord participant)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var certificates = new List<string>();
        foreach (var (raw, index) in (participant.SigningCertificates ?? []).Select((c, i) => (c, i)))
        {
            var der = DecodeCertificate(participant.Code, index, raw);
            // One entry per certificate: the same DER given twice (perhaps wrapped differently) is listed once.
            if (seen.Add(Convert.ToHexString(SHA256.HashData(der))))
            {
                certificates.Add(Convert.ToBase64String(der));
            }
        }

        return certificates;
    }

    /// <summary>The DER bytes of a signing certificate, or an <see cref="ArgumentException"/> naming the participant.</summary>
    private static byte[] DecodeCertificate(string code, int index, string? raw)
    {
        // Base64 as people paste it: the body of a PEM file, wrapped at 64 or 76 columns, CR LF or LF.
        var compact = string.Concat((raw ?? "").Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 0)
        {
            throw new ArgumentException(
                $"Participant '{code}' has an empty signing certificate (entry {index + 1}).", ParameterName);
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(compact);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException(
                $"Participant '{code}' has a signing certificate (entry {index + 1}) that is not base64.", ParameterName, exception);
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            // The loader also reads PEM and may ignore bytes after the certificate: insist on exactly one DER certificate.
            if (!certificate.RawData.AsSpan().SequenceEqual(der))
            {
                throw new CryptographicException("The data is not exactly one DER-encoded certificate.");
            }
        }
        catch (CryptographicException exception)
        {
            throw new ArgumentException(
                $"Participant '{code}' has a signing certificate (entry {index + 1}) that is not a DER-encoded X.509 certificate.",
                ParameterName,
                exception);
        }

        return der;
    }

    private static List<SignaturePolicyRecord> CheckSignaturePolicies(ParticipantRecord participant)
    {
        var types = new HashSet<int>();
        var policies = new List<SignaturePolicyRecord>();
        foreach (var policy in participant.SignaturePolicies ?? [])
        {
            if (policy is null)
            {
                throw new ArgumentException($"Participant '{participant.Code}' has an empty signature policy entry.", ParameterName);
            }

            if (policy.CertificateType < 0)
            {
                throw new ArgumentException(
                    $"Participant '{participant.Code}' has a signature policy for document type {policy.CertificateType}; " +
                    "types are 0 (every kind) or a positive code.", ParameterName);
            }

            if (policy.Policy is null || !SignaturePolicies.Contains(policy.Policy))
            {
                throw new ArgumentException(
                    $"Participant '{participant.Code}' has signature policy '{policy.Policy}' for document type " +
                    $"{policy.CertificateType}; expected one of off, verify-if-present, required.", ParameterName);
            }

            if (!types.Add(policy.CertificateType))
            {
                throw new ArgumentException(
                    $"Participant '{participant.Code}' lists a signature policy for document type {policy.CertificateType} twice.",
                    ParameterName);
            }

            policies.Add(policy);
        }

        return policies;
    }
}
