using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hub.Data;
using NUnit.Framework;
using static Hub.Tests.Data.TestSigningCertificates;

namespace Hub.Tests.Data;

public abstract partial class ParticipantStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
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
