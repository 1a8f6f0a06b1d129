using Hub.Data;
using Hub.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Hub.Tests.Data;

/// <summary>A fresh SQLite database file per test, in its own temporary folder (the file, -wal and -shm).</summary>
public sealed class SqliteStoreTestProvider : IStoreTestProvider
{
    private string? _directory;
    private SqliteConnectionFactory? _connections;

    public string DatabasePath => Path.Combine(
        _directory ?? throw new InvalidOperationException("Call InitializeAsync first."), "hub.db");

    public SqliteConnectionFactory Connections =>
        _connections ?? throw new InvalidOperationException("Call InitializeAsync first.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        _directory = Path.Combine(Path.GetTempPath(), "hub-data-tests", Guid.NewGuid().ToString("N"));
        _connections = SqliteConnectionFactory.ForFile(DatabasePath);
        await new SqliteMigrator(_connections).MigrateAsync(cancellationToken);
    }

    public IEnvelopeStore CreateEnvelopeStore() => new SqliteEnvelopeStore(Connections);

    public IParticipantStore CreateParticipantStore() => new SqliteParticipantStore(Connections);

    public IEnvelopeStore ReopenEnvelopeStore()
    {
        // Pooled connections are keyed by connection string; drop the idle ones so nothing is shared.
        SqliteConnection.ClearAllPools();
        return new SqliteEnvelopeStore(SqliteConnectionFactory.ForFile(DatabasePath));
    }

    /// <summary>A plain connection outside the factory and the pool, for looking at what is really stored.</summary>
    public SqliteConnection OpenRawConnection()
    {
        var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_directory is not null && Directory.Exists(_directory))
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A connection still closing; the folder is under the temp path and harmless.
            }
        }

        return ValueTask.CompletedTask;
    }
}
