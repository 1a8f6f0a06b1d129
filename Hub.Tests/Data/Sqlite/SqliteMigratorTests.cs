using Dapper;
using Hub.Data;
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
                "allowed_documents", "envelope_verifications", "envelopes", "participant_certificates",
                "participant_signing_certificates", "participants", "schema_migrations", "signature_policies",
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

    [Test]
    public async Task Migrate_0002_OnADatabaseCreatedBy0001WithRows_KeepsThoseRowsWorking()
    {
        // A database as the previous release left it: 0001 applied the way the migrator applies it, and rows in it.
        var thumbprint = new string('A', 64);
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_utc TEXT NOT NULL) STRICT;");
            await using var transaction = connection.BeginTransaction(deferred: false);
            await connection.ExecuteAsync(SqliteMigrator.Migrations[0].Sql, transaction: transaction);
            await connection.ExecuteAsync("""
                INSERT INTO schema_migrations (version, applied_utc) VALUES (1, '2024-06-01T00:00:00.0000000Z');
                INSERT INTO participants (code, name) VALUES ('NL', 'NVWA'), ('KE', 'KEPHIS');
                INSERT INTO participant_certificates (thumbprint, participant_code) VALUES (@thumbprint, 'NL');
                INSERT INTO allowed_documents (participant_code, certificate_type, certificate_status) VALUES ('NL', 851, 70);
                INSERT INTO envelopes (delivery_number, idempotency_key, from_code, to_code, certificate_type,
                                       certificate_status, certificate_number, status, created_utc, content)
                VALUES ('old-1', 'old-key', 'NL', 'KE', 851, 70, 'NL-2024-0001', 'PendingDelivery',
                        '2024-06-01T00:00:00.0000000Z', '<SPSCertificate/>');
                """, new { thumbprint }, transaction);
            await transaction.CommitAsync();
        }

        var applied = await new SqliteMigrator(_connections).MigrateAsync(CancellationToken.None);

        var participants = new SqliteParticipantStore(_connections);
        var envelopes = new SqliteEnvelopeStore(_connections);
        var netherlands = await participants.FindByCertificateAsync(thumbprint, CancellationToken.None);
        var oldEnvelope = await envelopes.FindAsync("old-1", CancellationToken.None);
        var oldVerdict = await envelopes.FindVerificationAsync("old-1", CancellationToken.None);
        var resend = await envelopes.InsertOrGetAsync(
            new NewEnvelope("new-1", "old-key", "NL", "KE", 851, 70, "NL-2024-0001", "<SPSCertificate/>",
                Verification: new EnvelopeVerification("Valid", "SignatureValue", "ok", null, null, DateTime.UtcNow)),
            CancellationToken.None);
        var acknowledged = await envelopes.TransitionAsync(
            "old-1", "KE", EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);

        var verdict = new EnvelopeVerification("Unsigned", "EnvelopedSignature", "No ds:Signature under the root.", null, null, DateTime.UtcNow);
        var created = await envelopes.InsertOrGetAsync(
            new NewEnvelope("new-2", "new-key", "NL", "KE", 851, 70, "NL-2024-0002", "<SPSCertificate/>", Verification: verdict),
            CancellationToken.None);
        await participants.UpsertAsync(
            [netherlands! with { SigningCertificates = [TestSigningCertificates.Base64(TestSigningCertificates.EcdsaDer)] }],
            CancellationToken.None);

        await using var check = await _connections.OpenAsync(CancellationToken.None);
        var foreignKeyProblems = (await check.QueryAsync("PRAGMA foreign_key_check;")).Count();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied, Is.EqualTo(Enumerable.Range(2, SqliteMigrator.LatestVersion - 1)));
            Assert.That(netherlands?.Code, Is.EqualTo("NL"));
            Assert.That(netherlands?.AllowedDocuments, Is.EqualTo(new[] { new AllowedDocumentRecord(851, null, 70, null) }));
            Assert.That(netherlands?.SigningCertificates, Is.Empty, "no signing certificates until someone registers them");
            Assert.That(netherlands?.SignaturePolicies, Is.Empty);
            Assert.That((await participants.ListAsync(CancellationToken.None)).Select(p => p.Code), Is.EqualTo(new[] { "KE", "NL" }));
            Assert.That(oldEnvelope?.Content, Is.EqualTo("<SPSCertificate/>"));
            Assert.That(oldEnvelope?.CreatedUtc, Is.EqualTo(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc)));
            Assert.That(oldVerdict, Is.Null, "an envelope stored before 0002 has no verdict");
            Assert.That(resend.Created, Is.False, "the idempotency key of an old envelope still holds");
            Assert.That(resend.Envelope.DeliveryNumber, Is.EqualTo("old-1"));
            Assert.That(await envelopes.FindVerificationAsync("old-1", CancellationToken.None), Is.Null, "a resend adds no verdict");
            Assert.That(acknowledged, Is.True);
            Assert.That(created.Created, Is.True);
            Assert.That(await envelopes.FindVerificationAsync("new-2", CancellationToken.None), Is.EqualTo(verdict));
            Assert.That((await participants.FindAsync("NL", CancellationToken.None))?.SigningCertificates, Has.Count.EqualTo(1));
            Assert.That(foreignKeyProblems, Is.Zero);
        }
    }
}
