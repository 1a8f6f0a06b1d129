using System.Security.Cryptography;
using System.Text;
using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

public abstract partial class EnvelopeStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    [Test]
    public async Task InsertOrGet_NewKey_StoresAPendingEnvelopeThatFindReturns()
    {
        var before = DateTime.UtcNow;
        var envelope = Envelope();

        var stored = await Store.InsertOrGetAsync(envelope, CancellationToken.None);
        var found = await FindAsync(envelope.DeliveryNumber);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Created, Is.True);
            Assert.That(found, Is.EqualTo(stored.Envelope));
            Assert.That(found.Id, Is.GreaterThan(0));
            Assert.That(found.DeliveryNumber, Is.EqualTo(envelope.DeliveryNumber));
            Assert.That(found.FromCode, Is.EqualTo("NL"));
            Assert.That(found.ToCode, Is.EqualTo("KE"));
            Assert.That(found.CertificateType, Is.EqualTo(851));
            Assert.That(found.CertificateStatus, Is.EqualTo(70));
            Assert.That(found.CertificateNumber, Is.EqualTo("NL-2024-0001"));
            Assert.That(found.Content, Is.EqualTo("<SPSCertificate/>"));
            Assert.That(found.Status, Is.EqualTo(EnvelopeStatuses.PendingDelivery));
            Assert.That(found.ErrorMessage, Is.Null);
            Assert.That(found.CreatedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(found.CreatedUtc, Is.InRange(before, DateTime.UtcNow));
            Assert.That(found.UpdatedUtc, Is.Null);
        }
    }

    [Test]
    public async Task Find_UnknownDeliveryNumber_ReturnsNull()
    {
        await InsertAsync(Envelope());

        Assert.That(await Store.FindAsync("no-such-number", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task InsertOrGet_SameIdempotencyKey_ReturnsTheFirstRowAndStoresNoSecond()
    {
        var first = Envelope(idempotencyKey: "key-1");
        var resend = first with { DeliveryNumber = Guid.NewGuid().ToString("N") };
        var original = await InsertAsync(first);

        var replay = await Store.InsertOrGetAsync(resend, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replay.Created, Is.False);
            Assert.That(replay.Envelope, Is.EqualTo(original));
            Assert.That(await Store.FindAsync(resend.DeliveryNumber, CancellationToken.None), Is.Null);
            Assert.That(await ListForKenyaAsync(), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task InsertOrGet_SameIdempotencyKeyAfterAcknowledgement_ReturnsTheRowAsItIsNow()
    {
        var first = await InsertAsync(Envelope(idempotencyKey: "key-1"));
        await Store.TransitionAsync(first.DeliveryNumber, "KE", EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);

        var replay = await Store.InsertOrGetAsync(Envelope(idempotencyKey: "key-1"), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replay.Created, Is.False);
            Assert.That(replay.Envelope.DeliveryNumber, Is.EqualTo(first.DeliveryNumber));
            Assert.That(replay.Envelope.Status, Is.EqualTo(EnvelopeStatuses.Delivered));
            Assert.That(await ListForKenyaAsync(), Is.Empty, "the resend must not queue a new copy");
        }
    }

    [Test]
    public async Task InsertOrGet_TwentyConcurrentCallsWithOneKey_CreateExactlyOneEnvelope()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Store.InsertOrGetAsync(Envelope(idempotencyKey: "same-key"), CancellationToken.None))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Count(r => r.Created), Is.EqualTo(1));
            Assert.That(results.Select(r => r.Envelope.DeliveryNumber).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await ListForKenyaAsync(), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task InsertOrGet_DeliveryNumberAlreadyUsed_ThrowsAndStoresNothing()
    {
        var first = await InsertAsync(Envelope());

        Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.InsertOrGetAsync(Envelope() with { DeliveryNumber = first.DeliveryNumber }, CancellationToken.None));
        Assert.That(await ListForKenyaAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task FindByIdempotencyKey_ReturnsTheStoredEnvelope_OrNull()
    {
        var stored = await InsertAsync(Envelope(idempotencyKey: "key-1"));
        Assert.That(await Store.FindByIdempotencyKeyAsync("key-1", CancellationToken.None), Is.EqualTo(stored));
        Assert.That(await Store.FindByIdempotencyKeyAsync("key-2", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task InsertOrGet_WhenItReturns_TheEnvelopeIsVisibleThroughNewConnections()
    {
        var envelope = await InsertAsync(Envelope());
        await Store.TransitionAsync(envelope.DeliveryNumber, "KE",
            EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.DeliveredNotReadable, "Cannot parse.", CancellationToken.None);

        var reopened = Provider.ReopenEnvelopeStore();
        var found = await reopened.FindAsync(envelope.DeliveryNumber, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(found, Is.Not.Null);
            Assert.That(found!.Status, Is.EqualTo(EnvelopeStatuses.DeliveredNotReadable));
            Assert.That(found.ErrorMessage, Is.EqualTo("Cannot parse."));
            Assert.That(found.Content, Is.EqualTo(envelope.Content));
        }
    }

    [Test]
    public async Task Content_OfOneMebibyteWithAwkwardCharacters_RoundTripsByteForByte()
    {
        var content = AwkwardContent(1024 * 1024);
        var expected = Encoding.UTF8.GetBytes(content);

        var envelope = await InsertAsync(Envelope(content: content));
        var found = await FindAsync(envelope.DeliveryNumber);
        var listed = (await Store.ListPendingForRecipientAsync("KE", null, 1, includeContent: true, CancellationToken.None)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expected.Length, Is.GreaterThanOrEqualTo(1024 * 1024));
            foreach (var actual in new[] { envelope.Content, found.Content, listed.Content })
            {
                Assert.That(actual, Is.Not.Null);
                var bytes = Encoding.UTF8.GetBytes(actual!);
                Assert.That(bytes, Has.Length.EqualTo(expected.Length));
                Assert.That(Convert.ToHexString(SHA256.HashData(bytes)), Is.EqualTo(Convert.ToHexString(SHA256.HashData(expected))));
                Assert.That(string.Equals(actual, content, StringComparison.Ordinal), Is.True);
            }
        }
    }
}
