using NUnit.Framework;

namespace Hub.Tests.Data;

public abstract partial class ParticipantStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    [Test]
    public async Task ReplaceAll_DeactivatesAndUnregistersEveryParticipantNotNamed()
    {
        await Store.UpsertAsync([Participant("NL", s_thumbprintA), Participant("US", s_thumbprintB)], CancellationToken.None);

        await Store.ReplaceAllAsync([Participant("NL", s_thumbprintA)], CancellationToken.None);

        Assert.That(await Store.FindByCertificateAsync(s_thumbprintB, CancellationToken.None), Is.Null,
            "a participant removed from the register can no longer be identified by its certificate");
        Assert.That((await Store.FindAsync("US", CancellationToken.None))?.Active, Is.False);
        Assert.That((await Store.FindByCertificateAsync(s_thumbprintA, CancellationToken.None))?.Code, Is.EqualTo("NL"));
    }

    [Test]
    public async Task Upsert_ReplacesTheNamedParticipantsAndLeavesTheOthersAlone()
    {
        await Store.UpsertAsync([Participant("NL", s_thumbprintA), Participant("KE", s_thumbprintB)], CancellationToken.None);

        await Store.UpsertAsync(
            [Participant("NL", s_thumbprintC) with { Name = "NVWA", Active = false, AllowedDocuments = [] }], CancellationToken.None);

        var netherlands = await Store.FindAsync("NL", CancellationToken.None);
        var kenya = await Store.FindAsync("KE", CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(netherlands?.Name, Is.EqualTo("NVWA"));
            Assert.That(netherlands?.Active, Is.False);
            Assert.That(netherlands?.ClientCertificateThumbprints, Is.EqualTo(new[] { s_thumbprintC }));
            Assert.That(netherlands?.AllowedDocuments, Is.Empty);
            Assert.That(await Store.FindByCertificateAsync(s_thumbprintA, CancellationToken.None), Is.Null);
            Assert.That(kenya?.ClientCertificateThumbprints, Is.EqualTo(new[] { s_thumbprintB }));
            Assert.That(kenya?.AllowedDocuments, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Upsert_CanMoveACertificateBetweenTwoNamedParticipants()
    {
        await Store.UpsertAsync([Participant("NL", s_thumbprintA), Participant("KE", s_thumbprintB)], CancellationToken.None);

        await Store.UpsertAsync([Participant("KE", s_thumbprintA), Participant("NL", s_thumbprintB)], CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await Store.FindByCertificateAsync(s_thumbprintA, CancellationToken.None))?.Code, Is.EqualTo("KE"));
            Assert.That((await Store.FindByCertificateAsync(s_thumbprintB, CancellationToken.None))?.Code, Is.EqualTo("NL"));
        }
    }

    [Test]
    public async Task Upsert_ThumbprintRegisteredToAnotherParticipant_ThrowsAndChangesNothing()
    {
        await Store.UpsertAsync([Participant("NL", s_thumbprintA)], CancellationToken.None);
        var before = await Store.ListAsync(CancellationToken.None);

        // US is valid and comes first: it must be rolled back with the rest when KE claims NL's certificate.
        var error = Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(
            [Participant("US", s_thumbprintC), Participant("KE", s_thumbprintB, s_thumbprintA)], CancellationToken.None));

        var after = await Store.ListAsync(CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error?.Message, Does.Contain(s_thumbprintA).And.Contain("NL"));
            Assert.That(after.Select(p => p.Code), Is.EqualTo(before.Select(p => p.Code)));
            Assert.That(after.Single().ClientCertificateThumbprints, Is.EqualTo(new[] { s_thumbprintA }));
            Assert.That(await Store.FindAsync("US", CancellationToken.None), Is.Null);
            Assert.That(await Store.FindByCertificateAsync(s_thumbprintC, CancellationToken.None), Is.Null);
            Assert.That((await Store.FindByCertificateAsync(s_thumbprintA, CancellationToken.None))?.Code, Is.EqualTo("NL"));
        }
    }

    [Test]
    public async Task Upsert_ThumbprintGivenToTwoParticipantsInOneBatch_ThrowsAndChangesNothing()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(
            [Participant("NL", s_thumbprintA), Participant("KE", s_thumbprintA)], CancellationToken.None));

        Assert.That(await Store.ListAsync(CancellationToken.None), Is.Empty);
    }

    [TestCase("not hex")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // a SHA-1 thumbprint: 40 digits
    public void Upsert_ThumbprintThatIsNotSha256Hex_Throws(string thumbprint)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync([Participant("NL", thumbprint)], CancellationToken.None));
    }

    [Test]
    public async Task Upsert_LowerCaseThumbprint_IsStoredUpperCase()
    {
        await Store.UpsertAsync([Participant("NL", new string('a', 64))], CancellationToken.None);

        var found = await Store.FindByCertificateAsync(s_thumbprintA, CancellationToken.None);

        Assert.That(found?.ClientCertificateThumbprints, Is.EqualTo(new[] { s_thumbprintA }));
    }
}
