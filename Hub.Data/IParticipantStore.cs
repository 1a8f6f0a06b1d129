namespace Hub.Data;

/// <summary>Participants (NPPOs, CITES authorities, customs) and the client certificates that identify them.</summary>
public interface IParticipantStore
{
    /// <summary>
    /// Replaces the participants named in <paramref name="participants"/> (with their certificates and allowed
    /// documents) in one transaction; participants not named are left as they are. Used to seed from a file.
    /// A thumbprint registered to two participants is an error (the whole call changes nothing).
    /// </summary>
    Task UpsertAsync(IReadOnlyList<ParticipantRecord> participants, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="participants"/> the whole register (the participants file is authoritative): upserts them
    /// as <see cref="UpsertAsync"/> does and, in the same transaction, deactivates every other participant and removes
    /// its client certificates, so that a participant deleted from the file can no longer call.
    /// </summary>
    Task ReplaceAllAsync(IReadOnlyList<ParticipantRecord> participants, CancellationToken cancellationToken);

    /// <summary>The participant whose client certificate has this SHA-256 thumbprint (upper-case hex), or null.</summary>
    Task<ParticipantRecord?> FindByCertificateAsync(string sha256Thumbprint, CancellationToken cancellationToken);

    /// <summary>The participant with this code (case-sensitive), or null.</summary>
    Task<ParticipantRecord?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>All participants, ordered by code.</summary>
    Task<IReadOnlyList<ParticipantRecord>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A participant with its registered client certificates and the document kinds it exchanges.</summary>
public sealed record ParticipantRecord
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public bool Active { get; init; } = true;
    public bool CanSend { get; init; } = true;
    public bool CanReceive { get; init; } = true;
    /// <summary>SHA-256 thumbprints (upper-case hex, 64 chars) of the client certificates that identify it.</summary>
    public IReadOnlyList<string> ClientCertificateThumbprints { get; init; } = [];
    public IReadOnlyList<AllowedDocumentRecord> AllowedDocuments { get; init; } = [];

    /// <summary>
    /// Certificates (base64 of the DER encoding) whose keys sign this participant's certificates and permits; several
    /// for rollover. GetActiveNppos and GetProfile publish them; the verifier accepts only these as signers.
    /// </summary>
    public IReadOnlyList<string> SigningCertificates { get; init; } = [];

    /// <summary>Signature policies per document kind (CertificateType 0: every kind this participant has no specific policy for).</summary>
    public IReadOnlyList<SignaturePolicyRecord> SignaturePolicies { get; init; } = [];
}

/// <summary>A signature policy ("required", "verify-if-present" or "off") for one CertificateType, or for every kind (0).</summary>
public sealed record SignaturePolicyRecord(int CertificateType, string Policy);

/// <summary>A kind of document (UN/EDIFACT 1001 type and IPPC status) a participant may send and receive.</summary>
public sealed record AllowedDocumentRecord(
    int CertificateType, string? CertificateTypeName, int CertificateStatus, string? CertificateStatusName, bool Active = true);
