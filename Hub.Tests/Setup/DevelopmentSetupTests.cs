using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hub.Service;
using Hub.Service.Setup;

namespace Hub.Tests.Setup;

/// <summary>The first-run development setup: created once, complete, and pinned in the participants file.</summary>
public sealed class DevelopmentSetupTests
{
    private string _data = null!;

    [SetUp]
    public void CreateFolder() => _data = Directory.CreateTempSubdirectory("hub-setup-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_data, recursive: true);

    [Test]
    public async Task FirstRun_CreatesServerAndClientCertificates_AndAParticipantsFileThatPinsThem()
    {
        var options = new HubOptions { DataDirectory = _data };
        Assert.That(DevelopmentSetup.EnsureCreated(options), Is.True);

        using var server = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_data, "certs", "server.pfx"), DevelopmentSetup.PfxPassword);
        Assert.That(server.HasPrivateKey, Is.True);
        Assert.That(server.MatchesHostname("localhost"), Is.True);

        var participants = await ParticipantsFile.ReadAsync(Path.Combine(_data, "participants.json"), CancellationToken.None);
        Assert.That(participants.Select(p => p.Code), Is.EquivalentTo(new[] { "NL", "KE", "US" }));
        foreach (var code in new[] { "nl", "ke", "us" })
        {
            using var fromPem = X509Certificate2.CreateFromPemFile(
                Path.Combine(_data, "certs", code + ".crt.pem"), Path.Combine(_data, "certs", code + ".key.pem"));
            Assert.That(fromPem.HasPrivateKey, Is.True);
            var thumbprint = Convert.ToHexString(fromPem.GetCertHash(HashAlgorithmName.SHA256));
            Assert.That(participants.Single(p => p.Code == code.ToUpperInvariant()).ClientCertificateThumbprints, Is.EqualTo(new[] { thumbprint }));
        }
    }

    [Test]
    public void ASecondRun_ChangesNothing()
    {
        var options = new HubOptions { DataDirectory = _data };
        DevelopmentSetup.EnsureCreated(options);
        var before = File.ReadAllBytes(Path.Combine(_data, "certs", "nl.pfx"));
        Assert.That(DevelopmentSetup.EnsureCreated(options), Is.False);
        Assert.That(File.ReadAllBytes(Path.Combine(_data, "certs", "nl.pfx")), Is.EqualTo(before));
    }

    [Test]
    public void AParticipantsFileWithABadThumbprint_IsRefusedWithItsName()
    {
        var path = Path.Combine(_data, "participants.json");
        File.WriteAllText(path, """{ "participants": [ { "code": "NL", "name": "NL", "clientCertificateThumbprints": ["ABC"] } ] }""");
        Assert.That(async () => await ParticipantsFile.ReadAsync(path, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("'ABC' is not a SHA-256 thumbprint"));
    }
}
