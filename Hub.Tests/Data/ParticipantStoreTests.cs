using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hub.Data;
using NUnit.Framework;
using static Hub.Tests.Data.TestSigningCertificates;

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

    protected TProvider Provider => _provider ?? throw new InvalidOperationException("SetUp did not run.");

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

    // Signing certificates and signature policies.

    private static ParticipantRecord Signer(string code, string clientThumbprint, params string[] signingCertificates) =>
        Participant(code, clientThumbprint) with
        {
            SigningCertificates = signingCertificates,
            SignaturePolicies = [new SignaturePolicyRecord(0, "verify-if-present"), new SignaturePolicyRecord(851, "required")],
        };

    [Test]
    public async Task Upsert_ThenEveryLookup_ReturnsTheSigningCertificatesAndPolicies()
    {
        var netherlands = Participant("NL", s_thumbprintA) with
        {
            // Two for rollover, one pasted from a PEM file with its line breaks.
            SigningCertificates = [Wrapped(RsaDer), Base64(EcdsaDer)],
            SignaturePolicies =
            [
                new SignaturePolicyRecord(851, "required"),
                new SignaturePolicyRecord(0, "verify-if-present"),
                new SignaturePolicyRecord(657, "off"),
            ],
        };
        var expectedCertificates = new[] { Base64(RsaDer), Base64(EcdsaDer) };

        await Store.UpsertAsync([netherlands, Participant("KE", s_thumbprintB)], CancellationToken.None);
        var byCode = await Store.FindAsync("NL", CancellationToken.None);
        var byCertificate = await Store.FindByCertificateAsync(s_thumbprintA, CancellationToken.None);
        var listed = (await Store.ListAsync(CancellationToken.None)).Single(p => p.Code == "NL");
        var kenya = await Store.FindAsync("KE", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            foreach (var found in new[] { byCode, byCertificate, listed })
            {
                Assert.That(found, Is.Not.Null);
                Assert.That(found!.SigningCertificates, Is.EquivalentTo(expectedCertificates), "stored as plain base64 of the DER");
                Assert.That(found.SignaturePolicies, Is.EquivalentTo(netherlands.SignaturePolicies));
                Assert.That(found.ClientCertificateThumbprints, Is.EqualTo(new[] { s_thumbprintA }));
                Assert.That(found.AllowedDocuments, Has.Count.EqualTo(1));
            }

            // What comes back is the very certificate that went in.
            Assert.That(byCode!.SigningCertificates.Select(c => Thumbprint(Convert.FromBase64String(c))),
                Is.EquivalentTo(new[] { Thumbprint(RsaDer), Thumbprint(EcdsaDer) }));
            using var loaded = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(byCode.SigningCertificates[0]));
            Assert.That(loaded.Subject, Does.StartWith("CN=NPPO NL signing"));
            Assert.That(kenya?.SigningCertificates, Is.Empty);
            Assert.That(kenya?.SignaturePolicies, Is.Empty);
        }
    }

    [Test]
    public async Task Upsert_AParticipantAgain_ReplacesItsSigningCertificatesAndPoliciesAndLeavesTheOthersAlone()
    {
        await Store.UpsertAsync(
            [Signer("NL", s_thumbprintA, Base64(RsaDer), Base64(EcdsaDer)), Signer("KE", s_thumbprintB, Base64(OtherDer))],
            CancellationToken.None);

        await Store.UpsertAsync(
            [Participant("NL", s_thumbprintA) with
            {
                SigningCertificates = [Base64(EcdsaDer)],
                SignaturePolicies = [new SignaturePolicyRecord(0, "off")],
            }],
            CancellationToken.None);
        var netherlands = await Store.FindAsync("NL", CancellationToken.None);
        var kenya = await Store.FindAsync("KE", CancellationToken.None);

        await Store.UpsertAsync([Participant("KE", s_thumbprintB)], CancellationToken.None);
        var kenyaCleared = await Store.FindAsync("KE", CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(netherlands?.SigningCertificates, Is.EqualTo(new[] { Base64(EcdsaDer) }), "the retired RSA certificate is gone");
            Assert.That(netherlands?.SignaturePolicies, Is.EqualTo(new[] { new SignaturePolicyRecord(0, "off") }));
            Assert.That(kenya?.SigningCertificates, Is.EqualTo(new[] { Base64(OtherDer) }));
            Assert.That(kenya?.SignaturePolicies, Has.Count.EqualTo(2));
            Assert.That(kenyaCleared?.SigningCertificates, Is.Empty, "a participant upserted without signing certificates has none");
            Assert.That(kenyaCleared?.SignaturePolicies, Is.Empty);
        }
    }

    [Test]
    public async Task ReplaceAll_WritesTheSigningCertificatesAndPoliciesOfTheNamedParticipants()
    {
        await Store.UpsertAsync([Signer("NL", s_thumbprintA, Base64(RsaDer)), Signer("US", s_thumbprintB, Base64(OtherDer))],
            CancellationToken.None);

        await Store.ReplaceAllAsync([Signer("NL", s_thumbprintA, Base64(EcdsaDer)) with { SignaturePolicies = [] }],
            CancellationToken.None);
        var netherlands = await Store.FindByCertificateAsync(s_thumbprintA, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(netherlands?.SigningCertificates, Is.EqualTo(new[] { Base64(EcdsaDer) }));
            Assert.That(netherlands?.SignaturePolicies, Is.Empty);
            Assert.That((await Store.FindAsync("US", CancellationToken.None))?.Active, Is.False);
        }
    }

    [Test]
    public async Task Upsert_TheSameSigningCertificateForTwoParticipants_RegistersItToBoth()
    {
        // One national signing authority behind two connection codes.
        await Store.UpsertAsync([Signer("US", s_thumbprintA, Base64(RsaDer))], CancellationToken.None);
        await Store.UpsertAsync([Signer("US-APHIS", s_thumbprintB, Base64(RsaDer)), Signer("PR", s_thumbprintC, Base64(RsaDer))],
            CancellationToken.None);

        var all = await Store.ListAsync(CancellationToken.None);

        Assert.That(all.Select(p => (p.Code, p.SigningCertificates.Single())),
            Is.EqualTo(new[] { ("PR", Base64(RsaDer)), ("US", Base64(RsaDer)), ("US-APHIS", Base64(RsaDer)) }));
    }

    [Test]
    public async Task Upsert_TheSameSigningCertificateTwiceForOneParticipant_StoresItOnce()
    {
        await Store.UpsertAsync([Signer("NL", s_thumbprintA, Base64(RsaDer), Wrapped(RsaDer))], CancellationToken.None);

        Assert.That((await Store.FindAsync("NL", CancellationToken.None))?.SigningCertificates, Is.EqualTo(new[] { Base64(RsaDer) }));
    }

    private static IEnumerable<TestCaseData> InvalidSigningRegistrations()
    {
        ParticipantRecord WithCertificate(string certificate) =>
            Participant("KE", s_thumbprintC) with { SigningCertificates = [Base64(OtherDer), certificate] };
        ParticipantRecord WithPolicies(params SignaturePolicyRecord[] policies) =>
            Participant("KE", s_thumbprintC) with { SignaturePolicies = policies };

        yield return new TestCaseData(WithCertificate("not base64 at all!")).SetName("{m}(not base64)");
        yield return new TestCaseData(WithCertificate("")).SetName("{m}(empty)");
        yield return new TestCaseData(WithCertificate(" \r\n ")).SetName("{m}(only whitespace)");
        yield return new TestCaseData(WithCertificate(Convert.ToBase64String(Encoding.ASCII.GetBytes("hello, certificate"))))
            .SetName("{m}(base64 of text)");
        yield return new TestCaseData(WithCertificate(Convert.ToBase64String([0x30, 0x03, 0x02, 0x01, 0x00])))
            .SetName("{m}(base64 of a DER sequence that is no certificate)");
        yield return new TestCaseData(WithCertificate(Convert.ToBase64String([.. EcdsaDer, 0x00])))
            .SetName("{m}(a certificate followed by another byte)");
        yield return new TestCaseData(WithCertificate(Convert.ToBase64String(EcdsaDer)[..^8]))
            .SetName("{m}(a truncated certificate)");
        yield return new TestCaseData(WithCertificate(Convert.ToBase64String(Encoding.ASCII.GetBytes(
                "-----BEGIN CERTIFICATE-----\n" + Wrapped(EcdsaDer) + "\n-----END CERTIFICATE-----\n"))))
            .SetName("{m}(base64 of a PEM file instead of the DER)");
        yield return new TestCaseData(WithPolicies(new SignaturePolicyRecord(851, "mandatory"))).SetName("{m}(unknown policy)");
        yield return new TestCaseData(WithPolicies(new SignaturePolicyRecord(851, "Required"))).SetName("{m}(policy in another case)");
        yield return new TestCaseData(WithPolicies(new SignaturePolicyRecord(851, ""))).SetName("{m}(empty policy)");
        yield return new TestCaseData(WithPolicies(new SignaturePolicyRecord(-1, "required"))).SetName("{m}(negative document type)");
        yield return new TestCaseData(WithPolicies(
                new SignaturePolicyRecord(851, "required"), new SignaturePolicyRecord(657, "off"), new SignaturePolicyRecord(851, "off")))
            .SetName("{m}(one document type twice)");
        yield return new TestCaseData(WithPolicies(
                new SignaturePolicyRecord(0, "required"), new SignaturePolicyRecord(0, "required")))
            .SetName("{m}(the every-kind policy twice)");
    }

    [TestCaseSource(nameof(InvalidSigningRegistrations))]
    public async Task Upsert_InvalidSigningCertificateOrPolicy_ThrowsNamingTheParticipantAndChangesNothing(ParticipantRecord invalid)
    {
        await Store.UpsertAsync([Signer("NL", s_thumbprintA, Base64(RsaDer)), Signer("KE", s_thumbprintB, Base64(OtherDer))],
            CancellationToken.None);
        var before = await Store.ListAsync(CancellationToken.None);

        // NL comes first and is valid: it must not be written either.
        var upsert = Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(
            [Signer("NL", s_thumbprintA, Base64(EcdsaDer)), invalid], CancellationToken.None));
        var replaceAll = Assert.ThrowsAsync<ArgumentException>(() => Store.ReplaceAllAsync(
            [Signer("NL", s_thumbprintA, Base64(EcdsaDer)), invalid], CancellationToken.None));

        var after = await Store.ListAsync(CancellationToken.None);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(upsert?.Message, Does.Contain("'KE'"));
            Assert.That(replaceAll?.Message, Does.Contain("'KE'"));
            Assert.That(after, Has.Count.EqualTo(before.Count));
            for (var i = 0; i < after.Count; i++)
            {
                Assert.That(after[i].Code, Is.EqualTo(before[i].Code));
                Assert.That(after[i].Active, Is.EqualTo(before[i].Active));
                Assert.That(after[i].ClientCertificateThumbprints, Is.EqualTo(before[i].ClientCertificateThumbprints));
                Assert.That(after[i].SigningCertificates, Is.EqualTo(before[i].SigningCertificates));
                Assert.That(after[i].SignaturePolicies, Is.EqualTo(before[i].SignaturePolicies));
            }
        }
    }
}
