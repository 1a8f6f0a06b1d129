using Hub.Contracts.Entities;
using Hub.Data;
using Microsoft.Extensions.Options;

namespace Hub.Service.Delivery;

/// <summary>
/// Who may see what, and the tracking state machine after delivery. Only the sender tracks; only the recipient lists,
/// pulls and acknowledges. PendingDelivery → Delivered | DeliveredWithWarnings | DeliveredNotReadable, once: an
/// acknowledgement is final, a second one is refused.
/// </summary>
public sealed class EnvelopeLifecycle(IEnvelopeStore envelopes, IOptions<HubOptions> options)
{
    private readonly HubOptions _options = options.Value;

    /// <summary>The sender's view; anyone else (or an unknown number) gets EnvelopeNotExists, never a fault.</summary>
    public async Task<EnvelopeHeader> TrackAsync(string? number, ParticipantRecord caller, CancellationToken cancellationToken)
    {
        var row = string.IsNullOrEmpty(number) ? null : await envelopes.FindAsync(number, cancellationToken);
        return row is not null && row.FromCode == caller.Code ? EnvelopeMapping.ToHeader(row) : EnvelopeMapping.NotExists(number);
    }

    public async Task<List<EnvelopeHeader>> UnderDeliveryAsync(ParticipantRecord caller, CancellationToken cancellationToken)
    {
        var rows = await envelopes.ListPendingFromSenderAsync(caller.Code, _options.MaxHeadersPerList, cancellationToken);
        return rows.Select(EnvelopeMapping.ToHeader).ToList();
    }

    /// <summary>Pending envelopes addressed to the caller; a non-empty country code keeps those sent by that country.</summary>
    public async Task<List<EnvelopeHeader>> ImportHeadersAsync(
        string? countryCode, ParticipantRecord caller, CancellationToken cancellationToken)
    {
        var rows = await envelopes.ListPendingForRecipientAsync(
            caller.Code, string.IsNullOrWhiteSpace(countryCode) ? null : countryCode.Trim(),
            _options.MaxHeadersPerList, includeContent: false, cancellationToken);
        return rows.Select(EnvelopeMapping.ToHeader).ToList();
    }

    /// <summary>
    /// The caller's pending envelopes with their Content, oldest first, bounded by count and by total Content size
    /// (so that a recipient's queue of large envelopes cannot exhaust memory); at least one envelope when any is pending.
    /// </summary>
    public async Task<List<Envelope>> PullAllAsync(ParticipantRecord caller, CancellationToken cancellationToken)
    {
        var headers = await envelopes.ListPendingForRecipientAsync(
            caller.Code, null, _options.MaxEnvelopesPerPull, includeContent: false, cancellationToken);
        var pulled = new List<Envelope>(headers.Count);
        long chars = 0;
        foreach (var header in headers)
        {
            var row = await envelopes.FindAsync(header.DeliveryNumber, cancellationToken);
            if (row is null || row.ToCode != caller.Code || row.Status != EnvelopeStatuses.PendingDelivery) continue;
            chars += row.Content?.Length ?? 0;
            if (pulled.Count > 0 && chars > _options.MaxPullResponseChars) break;
            pulled.Add(EnvelopeMapping.ToEnvelope(row));
        }
        return pulled;
    }

    /// <summary>The envelope with its Content, for its recipient, while it is pending (a pulled envelope stays pending).</summary>
    public async Task<Envelope> PullAsync(string? number, ParticipantRecord caller, CancellationToken cancellationToken)
    {
        var row = await FindForRecipientAsync(number, caller, cancellationToken);
        if (row.Status != EnvelopeStatuses.PendingDelivery)
            throw new HubException($"Envelope {row.DeliveryNumber} is no longer pending ({row.Status}): it cannot be pulled again.");
        return EnvelopeMapping.ToEnvelope(row);
    }

    public Task AcknowledgeAsync(string? number, ParticipantRecord caller, CancellationToken cancellationToken) =>
        TransitionAsync(number, caller, EnvelopeStatuses.Delivered, null, cancellationToken);

    public Task AcknowledgeWithWarningsAsync(string? number, string? warning, ParticipantRecord caller, CancellationToken cancellationToken) =>
        TransitionAsync(number, caller, EnvelopeStatuses.DeliveredWithWarnings,
            warning ?? throw new HubException("warningMessage is required."), cancellationToken);

    public Task AcknowledgeNotReadableAsync(string? number, string? message, ParticipantRecord caller, CancellationToken cancellationToken) =>
        TransitionAsync(number, caller, EnvelopeStatuses.DeliveredNotReadable,
            message ?? throw new HubException("message is required."), cancellationToken);

    private async Task TransitionAsync(
        string? number, ParticipantRecord caller, string newStatus, string? message, CancellationToken cancellationToken)
    {
        RequireNumber(number);
        if (await envelopes.TransitionAsync(number!, caller.Code, EnvelopeStatuses.PendingDelivery, newStatus, message, cancellationToken))
            return;
        var row = await FindForRecipientAsync(number, caller, cancellationToken);
        throw new HubException($"Envelope {row.DeliveryNumber} is no longer pending ({row.Status}): an acknowledgement is final.");
    }

    private async Task<EnvelopeRow> FindForRecipientAsync(string? number, ParticipantRecord caller, CancellationToken cancellationToken)
    {
        RequireNumber(number);
        var row = await envelopes.FindAsync(number!, cancellationToken);
        if (row is null || row.ToCode != caller.Code)
            throw new HubException($"Envelope {EnvelopeDelivery.Shorten(number!)} does not exist or is not addressed to {caller.Code}.");
        return row;
    }

    private static void RequireNumber(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) throw new HubException("hubTrackingNumber is required.");
    }
}
