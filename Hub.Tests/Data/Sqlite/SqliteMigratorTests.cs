using Dapper;
using Hub.Data.Sqlite;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace Hub.Tests.Data.Sqlite;

[TestFixture]
public sealed class SqliteMigratorTests
{
    private string _directory = "";
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public void CreateFactory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "hub-data-tests", Guid.NewGuid().ToString("N"));
        _connections = SqliteConnectionFactory.ForFile(Path.Combine(_directory, "hub.db"));
    }

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<List<(long Version, string AppliedUtc)>> HistoryAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<(long, string)>("SELECT version, applied_utc FROM schema_migrations ORDER BY version")];
    }

    [Test]
    public void Scripts_AreEmbeddedAndNumberedFromOne()
    {
        Assert.That(SqliteMigrator.Migrations.Select(m => m.Version),
            Is.EqualTo(Enumerable.Range(1, SqliteMigrator.LatestVersion)));
    }

    [Test]
    public async Task Migrate_OnAnEmptyDatabase_AppliesEveryScriptAndRecordsItsVersion()
    {
        var before = DateTime.UtcNow;

        var applied = await new SqliteMigrator(_connections).MigrateAsync(CancellationToken.None);

        var history = await HistoryAsync();
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied, Is.EqualTo(Enumerable.Range(1, SqliteMigrator.LatestVersion)));
            Assert.That(history.Select(h => h.Version), Is.EqualTo(applied.Select(v => (long)v)));
            Assert.That(history.Select(h => SqliteTimestamps.FromText(h.AppliedUtc)), Is.All.InRange(before, DateTime.UtcNow));
            Assert.That(tables, Is.SupersetOf(new[]
            {
                "allowed_documents", "envelopes", "participant_certificates", "participants", "schema_migrations",
            }));
        }
    }

    [Test]
    public async Task Migrate_Twice_IsANoOp()
    {
        await new SqliteMigrator(_connections).MigrateAsync(CancellationToken.None);
        var history = await HistoryAsync();

        var second = await new SqliteMigrator(SqliteConnectionFactory.ForFile(Path.Combine(_directory, "hub.db")))
            .MigrateAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.Empty);
            Assert.That(await HistoryAsync(), Is.EqualTo(history));
        }
    }

    [Test]
    public async Task Migrate_FromTwoProcessesAtOnce_AppliesEachScriptOnce()
    {
        var path = Path.Combine(_directory, "hub.db");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new SqliteMigrator(SqliteConnectionFactory.ForFile(path)).MigrateAsync(CancellationToken.None))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.SelectMany(r => r).Order(), Is.EqualTo(Enumerable.Range(1, SqliteMigrator.LatestVersion)));
            Assert.That(await HistoryAsync(), Has.Count.EqualTo(SqliteMigrator.LatestVersion));
        }
    }

    [Test]
    public async Task Migrate_ADatabaseNewerThanThisBuild_ThrowsAndChangesNothing()
    {
        await new SqliteMigrator(_connections).MigrateAsync(CancellationToken.None);
        var future = SqliteMigrator.LatestVersion + 1;
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, applied_utc) VALUES (@future, '2099-01-01T00:00:00.0000000Z')",
                new { future });
        }

        var history = await HistoryAsync();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SqliteMigrator(_connections).MigrateAsync(CancellationToken.None));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error?.Message, Does.Contain($"version {future}").And.Contain($"({SqliteMigrator.LatestVersion})"));
            Assert.That(await HistoryAsync(), Is.EqualTo(history));
        }
    }
}
