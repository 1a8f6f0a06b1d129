using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

public abstract partial class EnvelopeStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
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
}
