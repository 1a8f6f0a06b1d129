using System.Security.Cryptography;
using System.Text;
using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

/// <summary>The <see cref="IEnvelopeStore"/> contract, run against each provider by a sealed fixture per provider.</summary>
public abstract class EnvelopeStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    private TProvider? _provider;
    private IEnvelopeStore? _store;

    protected TProvider Provider => _provider ?? throw new InvalidOperationException("SetUp did not run.");

    protected IEnvelopeStore Store => _store ?? throw new InvalidOperationException("SetUp did not run.");

    [SetUp]
    public async Task CreateFreshDatabaseAsync()
    {
        _provider = new TProvider();
        await _provider.InitializeAsync(CancellationToken.None);
        _store = _provider.CreateEnvelopeStore();
    }

    [TearDown]
    public async Task DeleteDatabaseAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    protected static NewEnvelope Envelope(
        string from = "NL", string to = "KE", string certificateNumber = "NL-2024-0001", int status = 70,
        string? content = "<SPSCertificate/>", string? idempotencyKey = null) =>
        new(
            DeliveryNumber: Guid.NewGuid().ToString("N"),
            IdempotencyKey: idempotencyKey ?? Guid.NewGuid().ToString("N"),
            FromCode: from,
            ToCode: to,
            CertificateType: 851,
            CertificateStatus: status,
            CertificateNumber: certificateNumber,
            Content: content);

    protected async Task<EnvelopeRow> InsertAsync(NewEnvelope envelope) =>
        (await Store.InsertOrGetAsync(envelope, CancellationToken.None)).Envelope;

    protected async Task<EnvelopeRow> FindAsync(string deliveryNumber) =>
        await Store.FindAsync(deliveryNumber, CancellationToken.None)
        ?? throw new AssertionException($"Envelope {deliveryNumber} is not stored.");

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
    public async Task InsertOrGet_Withdrawal_FailsOnlyThePendingEnvelopesOfTheSameSenderRecipientAndNumber()
    {
        var pending1 = await InsertAsync(Envelope());
        var pending2 = await InsertAsync(Envelope());
        var delivered = await InsertAsync(Envelope());
        await Store.TransitionAsync(delivered.DeliveryNumber, "KE", EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);
        var otherRecipient = await InsertAsync(Envelope(to: "US"));
        var otherSender = await InsertAsync(Envelope(from: "US"));
        var otherNumber = await InsertAsync(Envelope(certificateNumber: "NL-2024-0002"));
        var withdrawal = Envelope(status: 40) with { WithdrawsPending = true, WithdrawalMessage = "Withdrawn by the issuer." };

        var stored = await Store.InsertOrGetAsync(withdrawal, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.Created, Is.True);
            Assert.That(stored.Envelope.Status, Is.EqualTo(EnvelopeStatuses.PendingDelivery), "the withdrawal itself is queued");
            foreach (var withdrawn in new[] { pending1, pending2 })
            {
                var row = await FindAsync(withdrawn.DeliveryNumber);
                Assert.That(row.Status, Is.EqualTo(EnvelopeStatuses.FailedDelivery));
                Assert.That(row.ErrorMessage, Is.EqualTo("Withdrawn by the issuer."));
                Assert.That(row.UpdatedUtc, Is.Not.Null);
                Assert.That(row.UpdatedUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            }

            Assert.That((await FindAsync(delivered.DeliveryNumber)).Status, Is.EqualTo(EnvelopeStatuses.Delivered));
            foreach (var untouched in new[] { otherRecipient, otherSender, otherNumber })
            {
                Assert.That(await FindAsync(untouched.DeliveryNumber), Is.EqualTo(untouched));
            }

            var kenyaQueue = await ListForKenyaAsync();
            Assert.That(kenyaQueue.Select(e => e.DeliveryNumber),
                Is.EqualTo(new[] { otherSender.DeliveryNumber, otherNumber.DeliveryNumber, withdrawal.DeliveryNumber }));
        }
    }

    [Test]
    public async Task InsertOrGet_Withdrawal_LeavesAnotherDocumentTypeWithTheSameNumberPending()
    {
        var phyto = await InsertAsync(Envelope());
        var reexport = await InsertAsync(Envelope() with { CertificateType = 657 });

        await Store.InsertOrGetAsync(Envelope(status: 40) with { WithdrawsPending = true, WithdrawalMessage = "Withdrawn." }, CancellationToken.None);

        Assert.That((await FindAsync(phyto.DeliveryNumber)).Status, Is.EqualTo(EnvelopeStatuses.FailedDelivery));
        Assert.That((await FindAsync(reexport.DeliveryNumber)).Status, Is.EqualTo(EnvelopeStatuses.PendingDelivery),
            "a withdrawal of the 851 certificate does not touch a 657 envelope that happens to share its number");
    }

    [Test]
    public async Task FindByIdempotencyKey_ReturnsTheStoredEnvelope_OrNull()
    {
        var stored = await InsertAsync(Envelope(idempotencyKey: "key-1"));
        Assert.That(await Store.FindByIdempotencyKeyAsync("key-1", CancellationToken.None), Is.EqualTo(stored));
        Assert.That(await Store.FindByIdempotencyKeyAsync("key-2", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task InsertOrGet_ResentWithdrawal_ReturnsTheFirstAndWithdrawsNothingNew()
    {
        var withdrawal = Envelope(status: 40, idempotencyKey: "withdrawal") with { WithdrawsPending = true, WithdrawalMessage = "Withdrawn." };
        await InsertAsync(withdrawal);
        var reissued = await InsertAsync(Envelope());

        var replay = await Store.InsertOrGetAsync(
            withdrawal with { DeliveryNumber = Guid.NewGuid().ToString("N") }, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replay.Created, Is.False);
            Assert.That(replay.Envelope.DeliveryNumber, Is.EqualTo(withdrawal.DeliveryNumber));
            Assert.That((await FindAsync(reissued.DeliveryNumber)).Status, Is.EqualTo(EnvelopeStatuses.PendingDelivery));
        }
    }

    [Test]
    public async Task ListPendingForRecipient_ReturnsOnlyThatRecipientsPendingEnvelopesOldestFirst()
    {
        var first = await InsertAsync(Envelope(from: "NL"));
        await InsertAsync(Envelope(to: "US"));
        var acknowledged = await InsertAsync(Envelope());
        await Store.TransitionAsync(acknowledged.DeliveryNumber, "KE", EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);
        var second = await InsertAsync(Envelope(from: "US"));
        var third = await InsertAsync(Envelope(from: "NL"));

        var listed = await ListForKenyaAsync();

        Assert.That(listed.Select(e => e.DeliveryNumber),
            Is.EqualTo(new[] { first.DeliveryNumber, second.DeliveryNumber, third.DeliveryNumber }));
    }

    [Test]
    public async Task ListPendingForRecipient_WithSender_ReturnsOnlyThatSendersEnvelopes()
    {
        var fromNetherlands1 = await InsertAsync(Envelope(from: "NL"));
        await InsertAsync(Envelope(from: "US"));
        var fromNetherlands2 = await InsertAsync(Envelope(from: "NL"));

        var listed = await Store.ListPendingForRecipientAsync("KE", "NL", 10, includeContent: false, CancellationToken.None);
        var unfiltered = await Store.ListPendingForRecipientAsync("KE", "", 10, includeContent: false, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.Select(e => e.DeliveryNumber),
                Is.EqualTo(new[] { fromNetherlands1.DeliveryNumber, fromNetherlands2.DeliveryNumber }));
            Assert.That(unfiltered, Has.Count.EqualTo(3), "an empty sender means no filter");
        }
    }

    [Test]
    public async Task ListPendingForRecipient_ReturnsAtMostLimitOldestEnvelopes()
    {
        var inserted = new List<EnvelopeRow>();
        for (var i = 0; i < 5; i++)
        {
            inserted.Add(await InsertAsync(Envelope()));
        }

        var listed = await Store.ListPendingForRecipientAsync("KE", null, 3, includeContent: false, CancellationToken.None);
        var none = await Store.ListPendingForRecipientAsync("KE", null, 0, includeContent: false, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.Select(e => e.DeliveryNumber), Is.EqualTo(inserted.Take(3).Select(e => e.DeliveryNumber)));
            Assert.That(none, Is.Empty);
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
                Store.ListPendingForRecipientAsync("KE", null, -1, includeContent: false, CancellationToken.None));
        }
    }

    [Test]
    public async Task ListPendingForRecipient_LoadsContentOnlyWhenAsked()
    {
        var envelope = await InsertAsync(Envelope(content: "<SPSCertificate>body</SPSCertificate>"));

        var withoutContent = await Store.ListPendingForRecipientAsync("KE", null, 10, includeContent: false, CancellationToken.None);
        var withContent = await Store.ListPendingForRecipientAsync("KE", null, 10, includeContent: true, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withoutContent.Single().Content, Is.Null);
            Assert.That(withoutContent.Single(), Is.EqualTo(envelope with { Content = null }));
            Assert.That(withContent.Single(), Is.EqualTo(envelope));
        }
    }

    [Test]
    public async Task ListPendingFromSender_ReturnsOnlyThatSendersPendingEnvelopesWithoutContentOldestFirst()
    {
        var first = await InsertAsync(Envelope(from: "NL", to: "KE"));
        await InsertAsync(Envelope(from: "US", to: "KE"));
        var delivered = await InsertAsync(Envelope(from: "NL", to: "KE"));
        await Store.TransitionAsync(delivered.DeliveryNumber, "KE", EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);
        var second = await InsertAsync(Envelope(from: "NL", to: "US"));
        await InsertAsync(Envelope(from: "NL", to: "KE"));

        var listed = await Store.ListPendingFromSenderAsync("NL", 2, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.Select(e => e.DeliveryNumber), Is.EqualTo(new[] { first.DeliveryNumber, second.DeliveryNumber }));
            Assert.That(listed.Select(e => e.Content), Is.All.Null);
        }
    }

    [Test]
    public async Task Transition_SucceedsOnceAndFailsTheSecondTime()
    {
        var envelope = await InsertAsync(Envelope());

        var first = await Store.TransitionAsync(envelope.DeliveryNumber, "KE",
            EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.DeliveredWithWarnings, "Unknown commodity code.", CancellationToken.None);
        var second = await Store.TransitionAsync(envelope.DeliveryNumber, "KE",
            EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);
        var row = await FindAsync(envelope.DeliveryNumber);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(row.Status, Is.EqualTo(EnvelopeStatuses.DeliveredWithWarnings));
            Assert.That(row.ErrorMessage, Is.EqualTo("Unknown commodity code."));
            Assert.That(row.UpdatedUtc, Is.Not.Null);
            Assert.That(row.UpdatedUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(row.UpdatedUtc.Value, Is.GreaterThanOrEqualTo(row.CreatedUtc));
        }
    }

    [Test]
    public async Task Transition_ByAnotherParticipantThanTheRecipient_FailsAndChangesNothing()
    {
        var envelope = await InsertAsync(Envelope(from: "NL", to: "KE"));

        var bySender = await Store.TransitionAsync(envelope.DeliveryNumber, "NL",
            EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);
        var byStranger = await Store.TransitionAsync(envelope.DeliveryNumber, "US",
            EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);
        var unknown = await Store.TransitionAsync("no-such-number", "KE",
            EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bySender, Is.False);
            Assert.That(byStranger, Is.False);
            Assert.That(unknown, Is.False);
            Assert.That(await FindAsync(envelope.DeliveryNumber), Is.EqualTo(envelope));
        }
    }

    [Test]
    public async Task Transition_FiftyConcurrentAcknowledgements_ExactlyOneSucceeds()
    {
        var envelope = await InsertAsync(Envelope());
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await Store.TransitionAsync(envelope.DeliveryNumber, "KE",
                EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, $"attempt {i}", CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var row = await FindAsync(envelope.DeliveryNumber);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Count(succeeded => succeeded), Is.EqualTo(1));
            Assert.That(row.Status, Is.EqualTo(EnvelopeStatuses.Delivered));
            Assert.That(row.ErrorMessage, Is.EqualTo($"attempt {Array.IndexOf(results, true)}"), "the winner's message is kept");
        }
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

    // Signature verdicts.

    protected static EnvelopeVerification Verdict(string verdict = "Valid", string check = "SignatureValue") => new(
        verdict,
        check,
        verdict == "Valid" ? "The signature is correct." : "The SignatureValue does not match.",
        "CN=NPPO NL signing 2025, O=NVWA, C=NL",
        new string('E', 64),
        new DateTime(2025, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc).AddTicks(8979));

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

    /// <summary>
    /// At least <paramref name="minimumUtf8Bytes"/> of text with non-ASCII (2-, 3- and 4-byte UTF-8), CR LF, lone CR
    /// and LF, a CDATA terminator, XML specials, a BOM in the middle and every C0 control character except NUL.
    /// </summary>
    protected static string AwkwardContent(int minimumUtf8Bytes)
    {
        var controls = new string([.. Enumerable.Range(1, 31).Select(c => (char)c)]);
        var chunk = "<Name>Grüße Ελληνικά Ћирилица 中文 日本語 🌿🍎</Name>\r\n<![CDATA[ a ]]> b ]]>\r c\n &amp; &lt; ' \" \uFEFF\u2028\u00A0"
            + controls + "\u007F\u0085";
        var builder = new StringBuilder();
        var bytes = 0;
        for (var i = 0; bytes < minimumUtf8Bytes; i++)
        {
            var line = $"{i:D6} {chunk}\r\n";
            builder.Append(line);
            bytes += Encoding.UTF8.GetByteCount(line);
        }

        return builder.ToString();
    }

    private Task<IReadOnlyList<EnvelopeRow>> ListForKenyaAsync() =>
        Store.ListPendingForRecipientAsync("KE", null, 100, includeContent: false, CancellationToken.None);
}
