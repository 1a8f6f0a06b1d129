namespace Hub.Data;

/// <summary>
/// Durable storage of envelopes. Every method is atomic: it either commits completely or changes nothing.
/// Statuses are stored as the IPPC HUBTrackingInfo names (see <see cref="EnvelopeStatuses"/>).
/// </summary>
public interface IEnvelopeStore
{
    /// <summary>
    /// Stores a new envelope as PendingDelivery, or, when an envelope with the same
    /// <see cref="NewEnvelope.IdempotencyKey"/> already exists, returns that one unchanged (Created = false).
    /// Idempotency is enforced by a unique key in the database, not by check-then-insert.
    /// When <see cref="NewEnvelope.WithdrawsPending"/> is set, in the same transaction every envelope with the same
    /// From, To, CertificateType and CertificateNumber that is still PendingDelivery moves to FailedDelivery with
    /// <see cref="NewEnvelope.WithdrawalMessage"/> as its error message.
    /// The row is durable (committed and synced) when the call returns.
    /// </summary>
    Task<StoredEnvelope> InsertOrGetAsync(NewEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>The envelope stored under this idempotency key (an earlier exact send), with its Content, or null.</summary>
    Task<EnvelopeRow?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The signature verdict stored with the envelope, or null (unknown number, or stored without one).</summary>
    Task<EnvelopeVerification?> FindVerificationAsync(string deliveryNumber, CancellationToken cancellationToken);

    /// <summary>The envelope with this delivery number, with its Content, or null.</summary>
    Task<EnvelopeRow?> FindAsync(string deliveryNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Envelopes addressed to <paramref name="recipient"/> that are PendingDelivery, oldest first, at most
    /// <paramref name="limit"/>. <paramref name="sender"/> filters by From when not null or empty.
    /// Content is loaded only when <paramref name="includeContent"/> is true (null otherwise).
    /// </summary>
    Task<IReadOnlyList<EnvelopeRow>> ListPendingForRecipientAsync(
        string recipient, string? sender, int limit, bool includeContent, CancellationToken cancellationToken);

    /// <summary>Envelopes sent by <paramref name="sender"/> that are PendingDelivery, oldest first, without Content.</summary>
    Task<IReadOnlyList<EnvelopeRow>> ListPendingFromSenderAsync(string sender, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the envelope from <paramref name="expectedStatus"/> to <paramref name="newStatus"/> if and only if it is
    /// addressed to <paramref name="recipient"/> and currently has <paramref name="expectedStatus"/> (a conditional
    /// update: two concurrent calls cannot both succeed). Sets ErrorMessage to <paramref name="message"/> and
    /// UpdatedUtc to now. Returns false when no row matched.
    /// </summary>
    Task<bool> TransitionAsync(
        string deliveryNumber, string recipient, string expectedStatus, string newStatus, string? message,
        CancellationToken cancellationToken);
}

/// <summary>The tracking states, spelled as the IPPC HUBTrackingInfo enumeration.</summary>
public static class EnvelopeStatuses
{
    public const string PendingDelivery = "PendingDelivery";
    public const string Delivered = "Delivered";
    public const string DeliveredWithWarnings = "DeliveredWithWarnings";
    public const string DeliveredNotReadable = "DeliveredNotReadable";
    public const string FailedDelivery = "FailedDelivery";
}

/// <summary>What the hub asks the store to keep. DeliveryNumber is chosen by the caller (random, unique).</summary>
public sealed record NewEnvelope(
    string DeliveryNumber,
    string IdempotencyKey,
    string FromCode,
    string ToCode,
    int CertificateType,
    int CertificateStatus,
    string CertificateNumber,
    string? Content,
    bool WithdrawsPending = false,
    string? WithdrawalMessage = null,
    EnvelopeVerification? Verification = null);

/// <summary>
/// The hub's verdict on the signature of the document inside an envelope, stored in the same transaction as the
/// envelope (only when the envelope is created; an exact resend keeps the first verdict).
/// Verdict is one of Valid, Invalid, Unsigned, NotChecked; Check names the check that decided it.
/// </summary>
public sealed record EnvelopeVerification(
    string Verdict, string Check, string Reason, string? SignerSubject, string? SignerThumbprint, DateTime CheckedUtc);

/// <summary>The stored envelope and whether this call created it (false: an exact resend of an earlier one).</summary>
public sealed record StoredEnvelope(EnvelopeRow Envelope, bool Created);

/// <summary>An envelope as stored.</summary>
public sealed record EnvelopeRow
{
    public long Id { get; init; }
    public required string DeliveryNumber { get; init; }
    public required string FromCode { get; init; }
    public required string ToCode { get; init; }
    public int CertificateType { get; init; }
    public int CertificateStatus { get; init; }
    public required string CertificateNumber { get; init; }
    public string? Content { get; init; }
    public required string Status { get; init; }
    public string? ErrorMessage { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? UpdatedUtc { get; init; }
}
