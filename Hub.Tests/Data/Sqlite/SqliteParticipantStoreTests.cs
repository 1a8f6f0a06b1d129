using Dapper;
using Hub.Data;
using NUnit.Framework;
using static Hub.Tests.Data.TestSigningCertificates;

namespace Hub.Tests.Data.Sqlite;

/// <summary>The participant store contract on SQLite, plus what only SQLite can show: the rows as stored.</summary>
[TestFixture]
public sealed class SqliteParticipantStoreTests : ParticipantStoreTests<SqliteStoreTestProvider>
{
    [Test]
    public async Task SigningCertificates_AreStoredUnderTheSha256OfTheirDerAsPlainBase64()
    {
        await Store.UpsertAsync(
            [
                new ParticipantRecord { Code = "NL", Name = "NVWA", SigningCertificates = [Wrapped(RsaDer), Base64(EcdsaDer)] },
                new ParticipantRecord { Code = "BQ", Name = "NVWA Caribbean", SigningCertificates = [Base64(RsaDer)] },
            ],
            CancellationToken.None);

        using var connection = Provider.OpenRawConnection();
        var rows = (await connection.QueryAsync<(string Code, string Thumbprint, string Certificate)>(
            "SELECT participant_code, thumbprint, certificate FROM participant_signing_certificates ORDER BY participant_code, thumbprint"))
            .ToList();

        var netherlands = new[] { ("NL", Thumbprint(RsaDer), Base64(RsaDer)), ("NL", Thumbprint(EcdsaDer), Base64(EcdsaDer)) }
            .OrderBy(r => r.Item2, StringComparer.Ordinal);
        Assert.That(rows, Is.EqualTo(new[] { ("BQ", Thumbprint(RsaDer), Base64(RsaDer)) }.Concat(netherlands)));
    }

    [Test]
    public async Task Tables_RefuseWhatTheValidatorRefuses()
    {
        // The CHECK constraints hold even for a writer that bypasses the store.
        await Store.UpsertAsync([new ParticipantRecord { Code = "NL", Name = "NVWA" }], CancellationToken.None);
        using var connection = Provider.OpenRawConnection();
        await connection.ExecuteAsync("PRAGMA foreign_keys = ON;");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => connection.Execute(
                    "INSERT INTO signature_policies (participant_code, certificate_type, policy) VALUES ('NL', 851, 'Required')"),
                Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>());
            Assert.That(() => connection.Execute(
                    "INSERT INTO participant_signing_certificates (participant_code, thumbprint, certificate) VALUES ('NL', 'AB', 'x')"),
                Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>());
            Assert.That(() => connection.Execute(
                    "INSERT INTO envelope_verifications (delivery_number, verdict, check_name, reason, checked_utc) " +
                    "VALUES ('no-such-envelope', 'Valid', 'c', 'r', '2025-01-01T00:00:00.0000000Z')"),
                Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>(), "a verdict needs its envelope");
            Assert.That(() => connection.Execute(
                    "INSERT INTO participant_signing_certificates (participant_code, thumbprint, certificate) " +
                    "VALUES ('XX', @Thumbprint, 'x')", new { Thumbprint = new string('A', 64) }),
                Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>(), "a signing certificate needs its participant");
        }
    }
}
