using Dapper;
using Microsoft.Data.Sqlite;

namespace Hub.Data.Sqlite;

/// <summary>
/// The one source of SQLite connections for a database file. Register it once (singleton); every store operation
/// opens its own pooled connection through it and closes it before returning.
/// </summary>
/// <remarks>
/// Each connection runs with <c>synchronous=FULL</c> (a commit is fsynced before the call returns, so a killed
/// process or a power loss loses nothing acknowledged), <c>foreign_keys=ON</c> and <c>busy_timeout=5000</c>.
/// The file is switched to WAL once, on first use (the journal mode is persistent in the file).
/// </remarks>
public sealed class SqliteConnectionFactory
{
    /// <summary>How long a statement waits for another writer's lock before failing with SQLITE_BUSY (also in the pragmas).</summary>
    internal const int BusyTimeoutMilliseconds = 5000;

    private const string PerConnectionPragmas = """
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 5000;
        """;

    private const string EnableWal = "PRAGMA journal_mode = WAL;";

    private readonly string _connectionString;
    private readonly string _databasePath;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private volatile bool _initialized;

    /// <summary>
    /// A factory for the database named by <paramref name="connectionString"/> (for example
    /// <c>Data Source=/var/lib/hub/hub.db</c>). The database must be a file: in-memory databases are refused.
    /// Mode, cache, pooling and command timeout are fixed here (ReadWriteCreate, private cache, pooling on, 5 s)
    /// whatever the string says.
    /// </summary>
    public SqliteConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource)
            || builder.DataSource.Equals(":memory:", StringComparison.Ordinal)
            || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The hub database must be a file; in-memory databases are not durable.", nameof(connectionString));
        }

        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.Cache = SqliteCacheMode.Default;
        builder.Pooling = true;
        // Microsoft.Data.Sqlite retries SQLITE_BUSY itself until the command timeout; keep that in line with
        // busy_timeout so a blocked call fails after about five seconds, not thirty.
        builder.DefaultTimeout = BusyTimeoutMilliseconds / 1000;
        _connectionString = builder.ToString();
        _databasePath = builder.DataSource;
    }

    /// <summary>A factory for the database file at <paramref name="databasePath"/> (created on first use).</summary>
    public static SqliteConnectionFactory ForFile(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
    }

    /// <summary>An open connection with the per-connection pragmas applied. The caller disposes it.</summary>
    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialized)
        {
            await InitializeAsync(cancellationToken);
        }

        return await OpenWithPragmasAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on a fresh connection and reports busy or failing storage as
    /// <see cref="StoreUnavailableException"/>; every other error surfaces unchanged.
    /// </summary>
    internal async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await operation(connection);
        }
        catch (SqliteException exception) when (StoreErrorClassifier.Classify(exception) is var kind && StoreErrorClassifier.IsUnavailable(kind))
        {
            var transient = kind == StoreErrorKind.Transient;
            throw new StoreUnavailableException(
                transient
                    ? "The hub database is busy; try again later."
                    : "The hub database cannot be used (storage full, read-only or failing).",
                transient,
                exception);
        }
    }

    private async Task<SqliteConnection> OpenWithPragmasAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(PerConnectionPragmas, cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initializeLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(_databasePath));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = await OpenWithPragmasAsync(cancellationToken);
            var mode = await connection.ExecuteScalarAsync<string>(
                new CommandDefinition(EnableWal, cancellationToken: cancellationToken));
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The hub database '{_databasePath}' could not be switched to WAL (journal_mode is '{mode}'); " +
                    "put it on a local file system.");
            }

            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }
}
