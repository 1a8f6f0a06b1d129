using NUnit.Framework;

namespace Hub.Tests.Data;

public abstract partial class EnvelopeStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    [Test]
    public async Task InsertOrGet_WithAVerdict_StoresItWithTheEnvelopeAndFindVerificationReturnsIt()
    {
        var envelope = Envelope() with { Verification = Verdict() };

        var stored = await Store.InsertOrGetAsync(envelope, CancellationToken.None);
        var found = await Store.FindVerificationAsync(envelope.DeliveryNumber, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Created, Is.True);
            Assert.That(found, Is.EqualTo(envelope.Verification), "every field, the time to the tick");
            Assert.That(found!.CheckedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(await Provider.ReopenEnvelopeStore().FindVerificationAsync(envelope.DeliveryNumber, CancellationToken.None),
                Is.EqualTo(envelope.Verification), "durable: visible through a new connection source");
        }
    }

    [TestCase("Valid")]
    [TestCase("Invalid")]
    [TestCase("Unsigned")]
    [TestCase("NotChecked")]
    public async Task InsertOrGet_EveryVerdict_RoundTrips(string verdict)
    {
        var verification = Verdict(verdict, check: "EnvelopedSignature") with { SignerSubject = null, SignerThumbprint = null };
        var envelope = Envelope() with { Verification = verification };

        await InsertAsync(envelope);

        Assert.That(await Store.FindVerificationAsync(envelope.DeliveryNumber, CancellationToken.None), Is.EqualTo(verification));
    }

    [Test]
    public async Task InsertOrGet_ExactResendWithADifferentVerdict_KeepsTheFirstVerdict()
    {
        var first = Envelope(idempotencyKey: "key-1") with { Verification = Verdict("Valid") };
        await InsertAsync(first);

        var replay = await Store.InsertOrGetAsync(
            first with { DeliveryNumber = Guid.NewGuid().ToString("N"), Verification = Verdict("Invalid", "Digest") },
            CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replay.Created, Is.False);
            Assert.That(await Store.FindVerificationAsync(first.DeliveryNumber, CancellationToken.None), Is.EqualTo(first.Verification));
            Assert.That(await Store.FindVerificationAsync(replay.Envelope.DeliveryNumber, CancellationToken.None),
                Is.EqualTo(first.Verification));
        }
    }

    [Test]
    public async Task InsertOrGet_ExactResendOfAnEnvelopeStoredWithoutAVerdict_StoresNoVerdict()
    {
        var first = Envelope(idempotencyKey: "key-1");
        await InsertAsync(first);

        var replay = await Store.InsertOrGetAsync(first with { Verification = Verdict() }, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replay.Created, Is.False);
            Assert.That(await Store.FindVerificationAsync(first.DeliveryNumber, CancellationToken.None), Is.Null);
        }
    }

    [Test]
    public async Task FindVerification_UnknownNumberOrEnvelopeWithoutAVerdict_ReturnsNull()
    {
        var unjudged = await InsertAsync(Envelope());
        await InsertAsync(Envelope() with { Verification = Verdict() });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.FindVerificationAsync("no-such-number", CancellationToken.None), Is.Null);
            Assert.That(await Store.FindVerificationAsync(unjudged.DeliveryNumber, CancellationToken.None), Is.Null);
        }
    }

    [Test]
    public async Task InsertOrGet_VerdictInLocalTime_IsStoredAndReturnedAsTheSameInstantInUtc()
    {
        var utc = Verdict().CheckedUtc;
        var envelope = Envelope() with { Verification = Verdict() with { CheckedUtc = utc.ToLocalTime() } };

        await InsertAsync(envelope);
        var found = await Store.FindVerificationAsync(envelope.DeliveryNumber, CancellationToken.None);

        Assert.That(found?.CheckedUtc, Is.EqualTo(utc).And.Property(nameof(DateTime.Kind)).EqualTo(DateTimeKind.Utc));
    }

    [TestCase("valid")]
    [TestCase("Forged")]
    [TestCase("")]
    public async Task InsertOrGet_UnknownVerdict_ThrowsAndStoresNothing(string verdict)
    {
        var envelope = Envelope() with { Verification = Verdict() with { Verdict = verdict } };

        Assert.ThrowsAsync<ArgumentException>(() => Store.InsertOrGetAsync(envelope, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.FindAsync(envelope.DeliveryNumber, CancellationToken.None), Is.Null, "no envelope without its verdict");
            Assert.That(await Store.FindVerificationAsync(envelope.DeliveryNumber, CancellationToken.None), Is.Null);
        }
    }
}
