using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

public abstract partial class EnvelopeStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
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
}
