using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

public abstract partial class ParticipantStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    [Test]
    public async Task Upsert_ThenFind_ReturnsTheParticipantWithCertificatesAndDocuments()
    {
        var kenya = new ParticipantRecord
        {
            Code = "KE",
            Name = "KEPHIS",
            Active = true,
            CanSend = false,
            CanReceive = true,
            ClientCertificateThumbprints = [s_thumbprintB, s_thumbprintA],
            AllowedDocuments =
            [
                new AllowedDocumentRecord(851, "Phytosanitary certificate", 70, "Issued"),
                new AllowedDocumentRecord(851, null, 40, null, Active: false),
            ],
        };

        await Store.UpsertAsync([kenya], CancellationToken.None);
        var found = await Store.FindAsync("KE", CancellationToken.None);

        Assert.That(found, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(found!.Code, Is.EqualTo("KE"));
            Assert.That(found.Name, Is.EqualTo("KEPHIS"));
            Assert.That(found.Active, Is.True);
            Assert.That(found.CanSend, Is.False);
            Assert.That(found.CanReceive, Is.True);
            Assert.That(found.ClientCertificateThumbprints, Is.EquivalentTo(new[] { s_thumbprintA, s_thumbprintB }));
            Assert.That(found.AllowedDocuments, Is.EquivalentTo(kenya.AllowedDocuments));
        }
    }

    [Test]
    public async Task Find_IsCaseSensitiveAndReturnsNullForUnknownCodes()
    {
        await Store.UpsertAsync([Participant("NL", s_thumbprintA)], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Store.FindAsync("NL", CancellationToken.None), Is.Not.Null);
            Assert.That(await Store.FindAsync("nl", CancellationToken.None), Is.Null);
            Assert.That(await Store.FindAsync("US", CancellationToken.None), Is.Null);
        }
    }

    [Test]
    public async Task FindByCertificate_ReturnsTheOwnerWithAllItsCertificates()
    {
        await Store.UpsertAsync([Participant("NL", s_thumbprintA, s_thumbprintB), Participant("KE", s_thumbprintC)], CancellationToken.None);

        var owner = await Store.FindByCertificateAsync(s_thumbprintB, CancellationToken.None);
        var unknown = await Store.FindByCertificateAsync(s_thumbprintD, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(owner?.Code, Is.EqualTo("NL"));
            Assert.That(owner?.ClientCertificateThumbprints, Is.EquivalentTo(new[] { s_thumbprintA, s_thumbprintB }));
            Assert.That(owner?.AllowedDocuments, Has.Count.EqualTo(1));
            Assert.That(unknown, Is.Null);
        }
    }

    [Test]
    public async Task List_ReturnsEveryParticipantOrderedByCode()
    {
        await Store.UpsertAsync([Participant("US", s_thumbprintC), Participant("KE", s_thumbprintB)], CancellationToken.None);
        await Store.UpsertAsync([Participant("NL", s_thumbprintA, s_thumbprintD)], CancellationToken.None);

        var all = await Store.ListAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(all.Select(p => p.Code), Is.EqualTo(new[] { "KE", "NL", "US" }));
            Assert.That(all[1].ClientCertificateThumbprints, Is.EquivalentTo(new[] { s_thumbprintA, s_thumbprintD }));
            Assert.That(all.Select(p => p.AllowedDocuments.Count), Is.All.EqualTo(1));
        }
    }
}
