using System.Security.Cryptography;
using Hub.Data;
using Hub.Service.Delivery;

namespace Hub.Service.Identity;

/// <summary>Who is calling: the participant whose registered client certificate (pinned by SHA-256) the TLS handshake presented.</summary>
public sealed class CallerIdentity(IParticipantStore participants)
{
    public const string UnknownCertificate = "NPPO from client certificate not found";

    private static readonly object s_itemKey = new();

    /// <summary>The caller of this request (looked up once per request, then remembered on the HttpContext).</summary>
    public async Task<ParticipantRecord> ResolveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Items.TryGetValue(s_itemKey, out var known) && known is ParticipantRecord remembered) return remembered;
        var participant = await LookUpAsync(http, cancellationToken);
        http.Items[s_itemKey] = participant;
        return participant;
    }

    private async Task<ParticipantRecord> LookUpAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var certificate = http.Connection.ClientCertificate
            ?? await http.Connection.GetClientCertificateAsync(cancellationToken)
            ?? throw new HubException(UnknownCertificate);
        var thumbprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        var participant = await participants.FindByCertificateAsync(thumbprint, cancellationToken)
            ?? throw new HubException(UnknownCertificate);
        if (!participant.Active)
            throw new HubException($"The participant {participant.Code} is not active on this hub.");
        return participant;
    }
}
