using System.Diagnostics;
using System.Text;
using Dapper;
using Hub.Data;
using Hub.Data.Sqlite;
using NUnit.Framework;

namespace Hub.Tests.Data.Sqlite;

/// <summary>The envelope store contract on SQLite, plus what only SQLite can show: bytes on disk, plans, locks.</summary>
[TestFixture]
public sealed class SqliteEnvelopeStoreTests : EnvelopeStoreTests<SqliteStoreTestProvider>
{
    [Test]
    public async Task Content_IsStoredAsUtf8TextWithoutAnyConversion()
    {
        var content = AwkwardContent(64 * 1024);
        var envelope = await InsertAsync(Envelope(content: content));

        using var connection = Provider.OpenRawConnection();
        var stored = await connection.QuerySingleAsync<StoredContent>(
            "SELECT typeof(content) AS Type, CAST(content AS BLOB) AS Bytes FROM envelopes WHERE delivery_number = @DeliveryNumber",
            new { envelope.DeliveryNumber });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Type, Is.EqualTo("text"));
            Assert.That(stored.Bytes, Is.EqualTo(Encoding.UTF8.GetBytes(content)));
        }
    }

    [Test]
    public async Task Timestamps_AreStoredAsIsoUtcText()
    {
        var envelope = await InsertAsync(Envelope());

        using var connection = Provider.OpenRawConnection();
        var created = await connection.ExecuteScalarAsync<string>(
            "SELECT created_utc FROM envelopes WHERE delivery_number = @DeliveryNumber", new { envelope.DeliveryNumber });

        Assert.That(created, Is.EqualTo(envelope.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }

    // The store's queries must be answered from an index, in id order, without a sort step.
    [TestCase(nameof(SqliteEnvelopeStore.SelectPendingForRecipient), "ix_envelopes_recipient_status")]
    [TestCase(nameof(SqliteEnvelopeStore.SelectPendingForRecipientWithContent), "ix_envelopes_recipient_status")]
    [TestCase(nameof(SqliteEnvelopeStore.SelectPendingFromSender), "ix_envelopes_sender_status")]
    [TestCase(nameof(SqliteEnvelopeStore.WithdrawPending), "ix_envelopes_withdrawal")]
    [TestCase(nameof(SqliteEnvelopeStore.Transition), "sqlite_autoindex_envelopes_1")]
    [TestCase(nameof(SqliteEnvelopeStore.SelectByDeliveryNumber), "sqlite_autoindex_envelopes_1")]
    [TestCase(nameof(SqliteEnvelopeStore.SelectByIdempotencyKey), "sqlite_autoindex_envelopes_2")]
    [TestCase(nameof(SqliteEnvelopeStore.SelectVerification), "sqlite_autoindex_envelope_verifications_1")]
    public async Task Query_UsesItsIndexAndNoSort(string query, string index)
    {
        var sql = (string)typeof(SqliteEnvelopeStore)
            .GetField(query, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetRawConstantValue()!;
        var parameters = new DynamicParameters();
        foreach (var name in new[]
        {
            "Recipient", "Sender", "Pending", "Limit", "Failed", "Message", "UpdatedUtc", "FromCode", "ToCode",
            "CertificateNumber", "DeliveryNumber", "NewStatus", "ExpectedStatus", "IdempotencyKey",
        })
        {
            if (sql.Contains('@' + name, StringComparison.Ordinal))
            {
                parameters.Add(name, name == "Limit" ? 10 : "x");
            }
        }

        using var connection = Provider.OpenRawConnection();
        var plan = string.Join(" | ", (await connection.QueryAsync<PlanStep>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(step => step.Detail));
        await TestContext.Out.WriteLineAsync($"{query}: {plan}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan, Does.Contain(index), plan);
            Assert.That(plan, Does.Not.Contain("TEMP B-TREE"), plan);
            Assert.That(plan, Does.Not.Match(@"SCAN envelopes(?! USING)"), plan);
        }
    }

    [Test]
    public async Task Verdict_IsStoredWithIsoUtcTextAndRefusedByTheTableWhenUnknown()
    {
        var envelope = Envelope() with { Verification = Verdict() };
        await InsertAsync(envelope);

        using var connection = Provider.OpenRawConnection();
        var checkedUtc = await connection.ExecuteScalarAsync<string>(
            "SELECT checked_utc FROM envelope_verifications WHERE delivery_number = @DeliveryNumber", new { envelope.DeliveryNumber });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(checkedUtc, Is.EqualTo("2025-03-14T15:09:26.5358979Z"));
            Assert.That(() => connection.Execute(
                    "UPDATE envelope_verifications SET verdict = 'valid' WHERE delivery_number = @DeliveryNumber",
                    new { envelope.DeliveryNumber }),
                Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>(), "the CHECK holds for writers other than the store");
        }
    }

    [Test]
    public async Task InsertOrGet_WhenTheVerdictCannotBeStored_StoresNoEnvelopeEither()
    {
        // A trigger makes the verdict insert fail after the envelope insert succeeded: both are in one transaction.
        using (var connection = Provider.OpenRawConnection())
        {
            await connection.ExecuteAsync("""
                CREATE TRIGGER refuse_verdicts BEFORE INSERT ON envelope_verifications
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
                """);
        }

        var envelope = Envelope() with { Verification = Verdict() };

        Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => Store.InsertOrGetAsync(envelope, CancellationToken.None));
        Assert.That(await Store.FindAsync(envelope.DeliveryNumber, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Insert_WhileAnotherWriterHoldsTheLock_FailsAfterTheBusyTimeoutAsTransientUnavailability()
    {
        using var blocker = Provider.OpenRawConnection();
        await blocker.ExecuteAsync("BEGIN IMMEDIATE; INSERT INTO participants (code, name) VALUES ('XX', 'lock holder');");
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<StoreUnavailableException>(() =>
            Store.InsertOrGetAsync(Envelope(), CancellationToken.None));

        clock.Stop();
        await blocker.ExecuteAsync("ROLLBACK;");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error?.IsTransient, Is.True);
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(4.5)).And.LessThan(TimeSpan.FromSeconds(15)));
            Assert.That(await Store.ListPendingForRecipientAsync("KE", null, 10, false, CancellationToken.None), Is.Empty);
        }

        Assert.That((await Store.InsertOrGetAsync(Envelope(), CancellationToken.None)).Created, Is.True, "works again once the lock is gone");
    }

    [Test]
    public async Task Reads_AreNotBlockedByAWriterHoldingTheLock()
    {
        var envelope = await InsertAsync(Envelope());
        using var blocker = Provider.OpenRawConnection();
        await blocker.ExecuteAsync("BEGIN IMMEDIATE; UPDATE envelopes SET status = 'Delivered';");
        var clock = Stopwatch.StartNew();

        var found = await Store.FindAsync(envelope.DeliveryNumber, CancellationToken.None);

        clock.Stop();
        await blocker.ExecuteAsync("ROLLBACK;");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(found?.Status, Is.EqualTo(EnvelopeStatuses.PendingDelivery), "WAL readers see the last commit");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        }
    }

    private sealed class StoredContent
    {
        public string Type { get; set; } = "";
        public byte[] Bytes { get; set; } = [];
    }

    private sealed class PlanStep
    {
        public string Detail { get; set; } = "";
    }
}
