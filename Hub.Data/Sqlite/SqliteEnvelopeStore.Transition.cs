using Dapper;

namespace Hub.Data.Sqlite;

public sealed partial class SqliteEnvelopeStore
{
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
}
