using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hub.Data;

namespace Hub.Service.Setup;

/// <summary>
/// First run without a configured server certificate: creates, once, a CA-less development setup under
/// DataDirectory/certs (a self-signed server certificate for localhost and, for the sample participants NL, KE and
/// US, a client certificate CODE.* and a document-signing certificate CODE-signing.*, each as PFX and PEM) and a
/// participants file that pins the client certificates and registers the signing certificates.
/// </summary>
internal static class DevelopmentSetup
{
    public const string PfxPassword = "hub-dev";
    public static readonly string[] SampleParticipants = ["NL", "KE", "US"];

    /// <summary>Creates what is missing; returns true if it created the setup now (first run).</summary>
    public static bool EnsureCreated(HubOptions options)
    {
        var certs = options.DataPath("certs");
        var serverPfx = Path.Combine(certs, "server.pfx");
        if (File.Exists(serverPfx)) return false;
        Directory.CreateDirectory(certs);

        using (var server = CreateServerCertificate())
            Write(server, certs, "server");

        var participants = new List<ParticipantRecord>();
        foreach (var code in SampleParticipants)
        {
            using var client = CreateClientCertificate(code, "client", "1.3.6.1.5.5.7.3.2");
            Write(client, certs, code.ToLowerInvariant());
            using var signing = CreateClientCertificate(code, "document signing", null);
            Write(signing, certs, code.ToLowerInvariant() + "-signing");
            participants.Add(SampleParticipant(code, Convert.ToHexString(client.GetCertHash(HashAlgorithmName.SHA256)), Convert.ToBase64String(signing.RawData)));
        }
        var participantsFile = options.DataPath(options.ParticipantsFile);
        if (!File.Exists(participantsFile))
        {
            File.WriteAllText(participantsFile, JsonSerializer.Serialize(
                new ParticipantsFile { Participants = participants }, ParticipantsFile.JsonOptions));
        }
        // The server.pfx is written last: its presence means the whole setup is there.
        File.Move(Path.Combine(certs, "server.pfx.tmp"), serverPfx);
        return true;
    }

    private static ParticipantRecord SampleParticipant(string code, string thumbprint, string signingCertificate) => new()
    {
        Code = code,
        Name = $"{code} sample NPPO (development)",
        ClientCertificateThumbprints = [thumbprint],
        SigningCertificates = [signingCertificate],
        AllowedDocuments =
        [
            new(851, "Phytosanitary certificate", 70, "Issued"),
            new(851, "Phytosanitary certificate", 40, "Withdrawn"),
            new(657, "Phytosanitary re-export certificate", 70, "Issued"),
            new(657, "Phytosanitary re-export certificate", 40, "Withdrawn"),
        ],
    };

    private static X509Certificate2 CreateServerCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost, O=Hub development server", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    private static X509Certificate2 CreateClientCertificate(string code, string purpose, string? extendedKeyUsage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={code} sample NPPO {purpose}, O=Hub development, C={code}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (extendedKeyUsage is not null)
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsage)], false));
        else
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    /// <summary>NAME.pfx (password <see cref="PfxPassword"/>), NAME.crt.pem and NAME.key.pem (unencrypted PKCS#8).</summary>
    private static void Write(X509Certificate2 certificate, string directory, string name)
    {
        var pfx = certificate.Export(X509ContentType.Pkcs12, PfxPassword);
        WritePrivate(Path.Combine(directory, name == "server" ? "server.pfx.tmp" : name + ".pfx"), pfx);
        File.WriteAllText(Path.Combine(directory, name + ".crt.pem"), certificate.ExportCertificatePem());
        using var key = certificate.GetRSAPrivateKey()!;
        WritePrivate(Path.Combine(directory, name + ".key.pem"), System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>Private keys are readable by their owner only (mode 0600 where the system has modes).</summary>
    private static void WritePrivate(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(bytes);
    }
}
