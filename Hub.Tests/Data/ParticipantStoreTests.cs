using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

/// <summary>The <see cref="IParticipantStore"/> contract, run against each provider by a sealed fixture per provider.</summary>
public abstract class ParticipantStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    private static readonly string s_thumbprintA = new('A', 64);
    private static readonly string s_thumbprintB = new('B', 64);
    private static readonly string s_thumbprintC = new('C', 64);
    private static readonly string s_thumbprintD = new('D', 64);

    private TProvider? _provider;
    private IParticipantStore? _store;

    protected IParticipantStore Store => _store ?? throw new InvalidOperationException("SetUp did not run.");

    [SetUp]
    public async Task CreateFreshDatabaseAsync()
    {
        _provider = new TProvider();
        await _provider.InitializeAsync(CancellationToken.None);
        _store = _provider.CreateParticipantStore();
    }

    [TearDown]
    public async Task DeleteDatabaseAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private static ParticipantRecord Participant(string code, params string[] thumbprints) => new()
    {
        Code = code,
        Name = $"NPPO {code}",
        ClientCertificateThumbprints = thumbprints,
        AllowedDocuments = [new AllowedDocumentRecord(851, "Phytosanitary certificate", 70, "Issued")],
    };

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
