namespace Hub.Data.Sqlite;

/// <summary>Participants in SQLite. See <see cref="IParticipantStore"/> for the contract of each method.</summary>
public sealed partial class SqliteParticipantStore : IParticipantStore
{
    private readonly SqliteConnectionFactory _connections;

    public SqliteParticipantStore(SqliteConnectionFactory connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
    }
}
