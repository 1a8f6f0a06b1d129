namespace Hub.Data;

/// <summary>Checks a batch for <see cref="IParticipantStore.UpsertAsync"/> before any store touches the database.</summary>
internal static class ParticipantRecordValidator
{
    /// <summary>
    /// The batch with thumbprints upper-cased and de-duplicated per participant. Throws <see cref="ArgumentException"/>
    /// for an empty code or name, a code named twice, a thumbprint that is not 64 hex digits, a thumbprint given to two
    /// participants, or a document kind (type, status) listed twice for one participant.
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

            normalized.Add(participant with { ClientCertificateThumbprints = thumbprints });
        }

        return normalized;
    }
}
