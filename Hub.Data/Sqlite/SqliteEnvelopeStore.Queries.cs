using Dapper;

namespace Hub.Data.Sqlite;

public sealed partial class SqliteEnvelopeStore
{
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
}
