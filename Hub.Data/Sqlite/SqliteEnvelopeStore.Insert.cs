using Dapper;
using Microsoft.Data.Sqlite;

namespace Hub.Data.Sqlite;

public sealed partial class SqliteEnvelopeStore
{
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
}
