using System.Text.Json;
using Hub.Data;

namespace Hub.Service.Setup;

/// <summary>The participants file (JSON) that seeds the store on every start: participants, their pinned client certificates, their document kinds.</summary>
internal sealed class ParticipantsFile
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public List<ParticipantRecord> Participants { get; init; } = [];

    public static async Task<IReadOnlyList<ParticipantRecord>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        ParticipantsFile? file;
        try
        {
            file = await JsonSerializer.DeserializeAsync<ParticipantsFile>(stream, JsonOptions, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The participants file {path} is not valid: {e.Message}", e);
        }
        var participants = file?.Participants ?? [];
        foreach (var p in participants)
        {
            if (string.IsNullOrWhiteSpace(p.Code))
                throw new InvalidOperationException($"The participants file {path} has a participant without a code.");
            foreach (var t in p.ClientCertificateThumbprints)
            {
                if (t.Length != 64 || !t.All(Uri.IsHexDigit))
                    throw new InvalidOperationException($"Participant {p.Code} in {path}: '{t}' is not a SHA-256 thumbprint (64 hex digits).");
            }
        }
        return participants
            .Select(p => p with { ClientCertificateThumbprints = p.ClientCertificateThumbprints.Select(t => t.ToUpperInvariant()).ToList() })
            .ToList();
    }
}
