using Dapper;
using Microsoft.Data.Sqlite;

namespace Hub.Data.Sqlite;

/// <summary>The envelope queue in SQLite. See <see cref="IEnvelopeStore"/> for the contract of each method.</summary>
public sealed class SqliteEnvelopeStore : IEnvelopeStore
{
    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;

    public SqliteEnvelopeStore(SqliteConnectionFactory connections, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Every column but content, aliased to <see cref="EnvelopeRecord"/>.</summary>
    private const string HeaderColumns = """
        id AS Id, delivery_number AS DeliveryNumber, from_code AS FromCode, to_code AS ToCode,
        certificate_type AS CertificateType, certificate_status AS CertificateStatus,
        certificate_number AS CertificateNumber, status AS Status, error_message AS ErrorMessage,
        created_utc AS CreatedUtc, updated_utc AS UpdatedUtc
        """;

    internal const string InsertEnvelope = """
        INSERT INTO envelopes (delivery_number, idempotency_key, from_code, to_code, certificate_type, certificate_status,
                               certificate_number, status, created_utc, content)
        VALUES (@DeliveryNumber, @IdempotencyKey, @FromCode, @ToCode, @CertificateType, @CertificateStatus,
                @CertificateNumber, @Pending, @CreatedUtc, @Content)
        ON CONFLICT (idempotency_key) DO NOTHING;
        """;

    internal const string WithdrawPending = """
        UPDATE envelopes
        SET status = @Failed, error_message = @Message, updated_utc = @UpdatedUtc
        WHERE from_code = @FromCode AND to_code = @ToCode AND certificate_type = @CertificateType
          AND certificate_number = @CertificateNumber AND status = @Pending AND delivery_number <> @DeliveryNumber;
        """;

    internal const string InsertVerification = """
        INSERT INTO envelope_verifications
            (delivery_number, verdict, check_name, reason, signer_subject, signer_thumbprint, checked_utc)
        VALUES (@DeliveryNumber, @Verdict, @Check, @Reason, @SignerSubject, @SignerThumbprint, @CheckedUtc);
        """;

    /// <summary>The verdicts <see cref="EnvelopeVerification.Verdict"/> may carry (the CHECK in 0002_signatures.sql).</summary>
    private static readonly HashSet<string> s_verdicts = new(["Valid", "Invalid", "Unsigned", "NotChecked"], StringComparer.Ordinal);

    internal const string SelectByIdempotencyKey =
        $"SELECT {HeaderColumns}, content AS Content FROM envelopes WHERE idempotency_key = @IdempotencyKey;";

    public Task<StoredEnvelope> InsertOrGetAsync(NewEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentException.ThrowIfNullOrEmpty(envelope.DeliveryNumber);
        ArgumentException.ThrowIfNullOrEmpty(envelope.IdempotencyKey);
        CheckVerification(envelope.Verification);

        return _connections.RunAsync(async connection =>
        {
            var now = SqliteTimestamps.ToText(_time.GetUtcNow());
            // IMMEDIATE: take the write lock up front, so this transaction never has to upgrade a read lock
            // (which SQLite refuses with SQLITE_BUSY, without waiting, when another writer got there first).
            await using var transaction = connection.BeginTransaction(deferred: false);

            int inserted;
            try
            {
                inserted = await connection.ExecuteAsync(new CommandDefinition(
                    InsertEnvelope,
                    new
                    {
                        envelope.DeliveryNumber,
                        envelope.IdempotencyKey,
                        envelope.FromCode,
                        envelope.ToCode,
                        envelope.CertificateType,
                        envelope.CertificateStatus,
                        envelope.CertificateNumber,
                        Pending = EnvelopeStatuses.PendingDelivery,
                        CreatedUtc = now,
                        envelope.Content,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
            }
            catch (SqliteException exception) when (StoreErrorClassifier.Classify(exception) == StoreErrorKind.UniqueViolation)
            {
                // ON CONFLICT covers the idempotency key only; the other unique key is the delivery number,
                // which the caller draws at random. A clash means the caller's numbers are not random.
                throw new InvalidOperationException(
                    $"Delivery number '{envelope.DeliveryNumber}' is already used by another envelope.", exception);
            }

            var created = inserted == 1;
            if (created && envelope.WithdrawsPending)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    WithdrawPending,
                    new
                    {
                        Failed = EnvelopeStatuses.FailedDelivery,
                        Message = envelope.WithdrawalMessage,
                        UpdatedUtc = now,
                        envelope.FromCode,
                        envelope.ToCode,
                        envelope.CertificateType,
                        envelope.CertificateNumber,
                        Pending = EnvelopeStatuses.PendingDelivery,
                        envelope.DeliveryNumber,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            // Only with the envelope it judged: an exact resend (not created) keeps the first verdict.
            if (created && envelope.Verification is { } verification)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    InsertVerification,
                    new
                    {
                        envelope.DeliveryNumber,
                        verification.Verdict,
                        verification.Check,
                        verification.Reason,
                        verification.SignerSubject,
                        verification.SignerThumbprint,
                        CheckedUtc = SqliteTimestamps.ToText(verification.CheckedUtc),
                    },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            var stored = await connection.QuerySingleAsync<EnvelopeRecord>(new CommandDefinition(
                SelectByIdempotencyKey, new { envelope.IdempotencyKey }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new StoredEnvelope(stored.ToRow(), created);
        }, cancellationToken);
    }

    public Task<EnvelopeRow?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);

        return _connections.RunAsync(async connection =>
        {
            var record = await connection.QuerySingleOrDefaultAsync<EnvelopeRecord>(new CommandDefinition(
                SelectByIdempotencyKey, new { IdempotencyKey = idempotencyKey }, cancellationToken: cancellationToken));
            return record?.ToRow();
        }, cancellationToken);
    }

    internal const string SelectVerification = """
        SELECT verdict AS Verdict, check_name AS "Check", reason AS Reason, signer_subject AS SignerSubject,
               signer_thumbprint AS SignerThumbprint, checked_utc AS CheckedUtc
        FROM envelope_verifications
        WHERE delivery_number = @DeliveryNumber;
        """;

    public Task<EnvelopeVerification?> FindVerificationAsync(string deliveryNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryNumber);

        return _connections.RunAsync(async connection =>
        {
            var record = await connection.QuerySingleOrDefaultAsync<VerificationRecord>(new CommandDefinition(
                SelectVerification, new { DeliveryNumber = deliveryNumber }, cancellationToken: cancellationToken));
            return record?.ToVerification();
        }, cancellationToken);
    }

    /// <summary>Refuses a verdict the table would refuse, before any connection is opened (an argument error, not a store error).</summary>
    private static void CheckVerification(EnvelopeVerification? verification)
    {
        if (verification is null)
        {
            return;
        }

        if (verification.Verdict is null || !s_verdicts.Contains(verification.Verdict))
        {
            throw new ArgumentException(
                $"Verdict '{verification.Verdict}' is not one of Valid, Invalid, Unsigned, NotChecked.", "envelope");
        }

        if (verification.Check is null || verification.Reason is null)
        {
            throw new ArgumentException("A verdict needs the name of the check that decided it and a reason.", "envelope");
        }
    }

    internal const string SelectByDeliveryNumber =
        $"SELECT {HeaderColumns}, content AS Content FROM envelopes WHERE delivery_number = @DeliveryNumber;";

    public Task<EnvelopeRow?> FindAsync(string deliveryNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryNumber);

        return _connections.RunAsync(async connection =>
        {
            var record = await connection.QuerySingleOrDefaultAsync<EnvelopeRecord>(new CommandDefinition(
                SelectByDeliveryNumber, new { DeliveryNumber = deliveryNumber }, cancellationToken: cancellationToken));
            return record?.ToRow();
        }, cancellationToken);
    }

    private const string PendingForRecipientFilter = """
        FROM envelopes
        WHERE to_code = @Recipient AND status = @Pending AND (@Sender IS NULL OR from_code = @Sender)
        ORDER BY id
        LIMIT @Limit;
        """;

    internal const string SelectPendingForRecipient = $"SELECT {HeaderColumns} {PendingForRecipientFilter}";

    internal const string SelectPendingForRecipientWithContent =
        $"SELECT {HeaderColumns}, content AS Content {PendingForRecipientFilter}";

    public Task<IReadOnlyList<EnvelopeRow>> ListPendingForRecipientAsync(
        string recipient, string? sender, int limit, bool includeContent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        return _connections.RunAsync<IReadOnlyList<EnvelopeRow>>(async connection =>
        {
            var records = await connection.QueryAsync<EnvelopeRecord>(new CommandDefinition(
                includeContent ? SelectPendingForRecipientWithContent : SelectPendingForRecipient,
                new
                {
                    Recipient = recipient,
                    Pending = EnvelopeStatuses.PendingDelivery,
                    Sender = string.IsNullOrEmpty(sender) ? null : sender,
                    Limit = limit,
                },
                cancellationToken: cancellationToken));
            return [.. records.Select(record => record.ToRow())];
        }, cancellationToken);
    }

    internal const string SelectPendingFromSender = $"""
        SELECT {HeaderColumns}
        FROM envelopes
        WHERE from_code = @Sender AND status = @Pending
        ORDER BY id
        LIMIT @Limit;
        """;

    public Task<IReadOnlyList<EnvelopeRow>> ListPendingFromSenderAsync(string sender, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);

        return _connections.RunAsync<IReadOnlyList<EnvelopeRow>>(async connection =>
        {
            var records = await connection.QueryAsync<EnvelopeRecord>(new CommandDefinition(
                SelectPendingFromSender,
                new { Sender = sender, Pending = EnvelopeStatuses.PendingDelivery, Limit = limit },
                cancellationToken: cancellationToken));
            return [.. records.Select(record => record.ToRow())];
        }, cancellationToken);
    }

    internal const string Transition = """
        UPDATE envelopes
        SET status = @NewStatus, error_message = @Message, updated_utc = @UpdatedUtc
        WHERE delivery_number = @DeliveryNumber AND to_code = @Recipient AND status = @ExpectedStatus;
        """;

    public Task<bool> TransitionAsync(
        string deliveryNumber, string recipient, string expectedStatus, string newStatus, string? message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryNumber);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentException.ThrowIfNullOrEmpty(expectedStatus);
        ArgumentException.ThrowIfNullOrEmpty(newStatus);

        return _connections.RunAsync(async connection =>
        {
            // One statement: the status test and the write happen under the same write lock, so of two
            // concurrent calls only the first sees the expected status.
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                Transition,
                new
                {
                    NewStatus = newStatus,
                    Message = message,
                    UpdatedUtc = SqliteTimestamps.ToText(_time.GetUtcNow()),
                    DeliveryNumber = deliveryNumber,
                    Recipient = recipient,
                    ExpectedStatus = expectedStatus,
                },
                cancellationToken: cancellationToken));
            return updated == 1;
        }, cancellationToken);
    }

    /// <summary>A row as SQLite returns it (timestamps as text), mapped to <see cref="EnvelopeRow"/>.</summary>
    private sealed class EnvelopeRecord
    {
        public long Id { get; set; }
        public string DeliveryNumber { get; set; } = "";
        public string FromCode { get; set; } = "";
        public string ToCode { get; set; } = "";
        public long CertificateType { get; set; }
        public long CertificateStatus { get; set; }
        public string CertificateNumber { get; set; } = "";
        public string Status { get; set; } = "";
        public string? ErrorMessage { get; set; }
        public string CreatedUtc { get; set; } = "";
        public string? UpdatedUtc { get; set; }
        public string? Content { get; set; }

        public EnvelopeRow ToRow() => new()
        {
            Id = Id,
            DeliveryNumber = DeliveryNumber,
            FromCode = FromCode,
            ToCode = ToCode,
            CertificateType = checked((int)CertificateType),
            CertificateStatus = checked((int)CertificateStatus),
            CertificateNumber = CertificateNumber,
            Content = Content,
            Status = Status,
            ErrorMessage = ErrorMessage,
            CreatedUtc = SqliteTimestamps.FromText(CreatedUtc),
            UpdatedUtc = SqliteTimestamps.FromNullableText(UpdatedUtc),
        };
    }

    /// <summary>A verdict as SQLite returns it (the time as text), mapped to <see cref="EnvelopeVerification"/>.</summary>
    private sealed class VerificationRecord
    {
        public string Verdict { get; set; } = "";
        public string Check { get; set; } = "";
        public string Reason { get; set; } = "";
        public string? SignerSubject { get; set; }
        public string? SignerThumbprint { get; set; }
        public string CheckedUtc { get; set; } = "";

        public EnvelopeVerification ToVerification() => new(
            Verdict, Check, Reason, SignerSubject, SignerThumbprint, SqliteTimestamps.FromText(CheckedUtc));
    }
}
