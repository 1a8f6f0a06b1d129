using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Hub.Data.Sqlite;

/// <summary>
/// Brings the database schema up to date from the numbered scripts embedded from <c>Migrations/Sqlite</c>
/// (<c>NNNN_description.sql</c>). Each script runs in its own IMMEDIATE transaction together with its row in
/// <c>schema_migrations</c>, so a script is applied completely or not at all, and two processes migrating at
/// once apply it only once. Running again is a no-op. A database whose version is newer than the newest script
/// this build knows is refused: old code must not write to a schema it does not understand.
/// </summary>
public sealed partial class SqliteMigrator
{
    private const string ResourcePrefix = "Hub.Data.Migrations.Sqlite.";

    private static readonly Lazy<IReadOnlyList<SqliteMigration>> s_migrations = new(LoadMigrations);

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;

    public SqliteMigrator(SqliteConnectionFactory connections, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => s_migrations.Value[^1].Version;

    internal static IReadOnlyList<SqliteMigration> Migrations => s_migrations.Value;

    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER NOT NULL PRIMARY KEY,
            applied_utc TEXT    NOT NULL
        ) STRICT;
        """;

    private const string SelectCurrentVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;";

    private const string RecordVersion = "INSERT INTO schema_migrations (version, applied_utc) VALUES (@Version, @AppliedUtc);";

    /// <summary>Applies the scripts the database has not seen, in order. Returns the versions applied now.</summary>
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken) =>
        _connections.RunAsync<IReadOnlyList<int>>(async connection =>
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateHistory, cancellationToken: cancellationToken));

            var applied = new List<int>();
            foreach (var migration in Migrations)
            {
                await using var transaction = connection.BeginTransaction(deferred: false);
                var current = await connection.ExecuteScalarAsync<long>(
                    new CommandDefinition(SelectCurrentVersion, transaction: transaction, cancellationToken: cancellationToken));
                if (current > LatestVersion)
                {
                    throw new InvalidOperationException(
                        $"The hub database is at schema version {current}, newer than the newest version this build " +
                        $"knows ({LatestVersion}). Run a newer build of the hub or restore a matching backup.");
                }

                if (current >= migration.Version)
                {
                    continue;
                }

                await connection.ExecuteAsync(
                    new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    RecordVersion,
                    new { migration.Version, AppliedUtc = SqliteTimestamps.ToText(_time.GetUtcNow()) },
                    transaction,
                    cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                applied.Add(migration.Version);
            }

            return applied;
        }, cancellationToken);

    private static IReadOnlyList<SqliteMigration> LoadMigrations()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var migrations = new List<SqliteMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // MSBuild may prefix a file name that starts with a digit with '_'.
            var match = ScriptName().Match(resource[ResourcePrefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration script '{resource}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Migration script '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            migrations.Add(new SqliteMigration(
                int.Parse(match.Groups["version"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture),
                resource,
                reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException("No SQLite migration scripts are embedded in Hub.Data.");
        }

        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"SQLite migration versions must run 1, 2, 3, ... without gaps or duplicates; found {migrations[i].Name}.");
            }
        }

        return migrations;
    }

    [GeneratedRegex(@"^_?(?<version>[0-9]{4})_[A-Za-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();
}

/// <summary>One embedded script: its version (from the file name), resource name and SQL.</summary>
internal sealed record SqliteMigration(int Version, string Name, string Sql);
