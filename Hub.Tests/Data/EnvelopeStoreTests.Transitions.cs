using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

public abstract partial class EnvelopeStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
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
}
