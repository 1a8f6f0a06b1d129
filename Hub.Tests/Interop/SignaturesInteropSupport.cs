using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Hub.Service.Security;
using Microsoft.Extensions.Options;

using Hub.Tests.Support;

namespace Hub.Tests.Interop;

/// <summary>
/// A signer's key and self-signed certificate, written as the files the tools take: PEM certificate, PKCS#8 PEM key,
/// and a password-protected PFX (for the hub's sign command).
/// </summary>
internal sealed class SignaturesSigningKey : IDisposable
{
    public const string PfxPassword = "interop-test-password";

    private SignaturesSigningKey(string name, bool ecdsa, X509Certificate2 certificate, string directory)
    {
        Name = name;
        Ecdsa = ecdsa;
        Certificate = certificate;
        PublicCertificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        CertificatePemPath = Path.Combine(directory, $"{name}-cert.pem");
        PrivateKeyPemPath = Path.Combine(directory, $"{name}-key.pem");
        PfxPath = Path.Combine(directory, $"{name}.pfx");
    }

    /// <summary>"rsa" or "ecdsa".</summary>
    public string Name { get; }

    public bool Ecdsa { get; }

    /// <summary>With the private key, for the hub's in-process signer.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Without the private key: what the sender registered with the hub.</summary>
    public X509Certificate2 PublicCertificate { get; }

    public string CertificatePemPath { get; }

    public string PrivateKeyPemPath { get; }

    public string PfxPath { get; }

    public string Thumbprint => EnvelopeSignatureVerifier.Thumbprint(PublicCertificate);

    /// <summary>RSA-2048 or ECDSA P-256, self-signed, valid from yesterday for 30 days.</summary>
    public static SignaturesSigningKey Create(string directory, string name, bool ecdsa)
    {
        var subject = new X500DistinguishedName($"CN=Signature interop test signer ({name}), O=Hub.Tests, C=AR");
        CertificateRequest request;
        string privateKeyPem;
        AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        using (key)
        {
            if (key is ECDsa ec)
            {
                request = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
                privateKeyPem = ec.ExportPkcs8PrivateKeyPem();
            }
            else
            {
                var rsa = (RSA)key;
                request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                privateKeyPem = rsa.ExportPkcs8PrivateKeyPem();
            }
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            var now = DateTimeOffset.UtcNow;
            byte[] pfx;
            using (var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30)))
                pfx = created.Export(X509ContentType.Pkcs12, PfxPassword);
            var signingKey = new SignaturesSigningKey(name, ecdsa, X509CertificateLoader.LoadPkcs12(pfx, PfxPassword), directory);
            File.WriteAllText(signingKey.CertificatePemPath, signingKey.PublicCertificate.ExportCertificatePem() + "\n");
            File.WriteAllText(signingKey.PrivateKeyPemPath, privateKeyPem + "\n");
            File.WriteAllBytes(signingKey.PfxPath, pfx);
            return signingKey;
        }
    }

    public void Dispose()
    {
        Certificate.Dispose();
        PublicCertificate.Dispose();
    }
}

/// <summary>A document to sign, and one small change to its signed content that a verifier must notice.</summary>
internal sealed record SignaturesSample(string Name, string Xml, string Original, string Altered)
{
    /// <summary>The signed document with its content changed after signing (the signature untouched).</summary>
    public string Alter(string signedXml)
    {
        var at = signedXml.IndexOf(Original, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"{Name}: '{Original}' not found in the signed document");
        var signatureAt = signedXml.IndexOf(EnvelopeSignatureVerifier.DsigNamespace, StringComparison.Ordinal);
        Assert.That(signatureAt < 0 || at < signatureAt, Is.True, $"{Name}: '{Original}' must be in the content, before the signature");
        return string.Concat(signedXml.AsSpan(0, at), Altered, signedXml.AsSpan(at + Original.Length));
    }
}

/// <summary>
/// The documents signed in the interoperability tests, built from the reference files outside the repository
/// (shared/reference, found beside an ancestor of the test folder as ContractFiles finds the reference WSDL): the IPPC
/// sample ePhyto with its attachments shrunk (about 25 KB), and the CITES permit of the EPIX v2 permit response taken
/// out of its SOAP envelope as a standalone document carrying the namespace declarations in scope for it.
/// </summary>
internal static partial class SignaturesSamples
{
    public const string EPhyto = "ephyto";
    public const string Cites = "cites";
    private const int ShrunkAttachmentChars = 76;

    private static readonly Lazy<string?> s_sharedReference = new(FindSharedReference);

    public static SignaturesSample Get(string name) => name switch
    {
        EPhyto => new SignaturesSample(EPhyto, ShrunkEPhyto(), "<ns1:ID>123ABC</ns1:ID>", "<ns1:ID>123ABD</ns1:ID>"),
        Cites => new SignaturesSample(Cites, CitesPermit(), ">XA000000<", ">XA000001<"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown sample"),
    };

    private static string ShrunkEPhyto()
    {
        var xml = File.ReadAllText(ReferenceFile("ephyto", "sample-SPSCertificate.xml"), Encoding.UTF8);
        var shrunk = AttachmentPattern().Replace(xml, m =>
            m.Groups[1].Value + m.Groups[2].Value[..Math.Min(ShrunkAttachmentChars, m.Groups[2].Length)] + m.Groups[3].Value);
        Assert.That(shrunk.Length, Is.InRange(15_000, 40_000), "the shrunk sample ePhyto should be about 25 KB");
        return shrunk;
    }

    private static string CitesPermit()
    {
        var envelope = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using (var reader = XmlReader.Create(ReferenceFile("cites", "epix-v2-permit-response.xml"), settings))
            envelope.Load(reader);
        var permit = envelope.GetElementsByTagName("CITESEPermit").OfType<XmlElement>().Single(e => e.NamespaceURI.Length == 0);

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.AppendChild(document.CreateXmlDeclaration("1.0", "UTF-8", null));
        var root = (XmlElement)document.ImportNode(permit, deep: true);
        document.AppendChild(root);
        // The prefixed namespace declarations in scope for the permit (the nearest one wins), declared on its root.
        for (var ancestor = permit.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.Prefix != "xmlns" || root.HasAttribute(attribute.Name)) continue;
                var declaration = document.CreateAttribute("xmlns", attribute.LocalName, attribute.NamespaceURI);
                declaration.Value = attribute.Value;
                root.Attributes.Append(declaration);
            }
        }
        return document.OuterXml + "\n";
    }

    private static string ReferenceFile(string folder, string name)
    {
        if (s_sharedReference.Value is not { } reference)
        {
            ChildProcess.SkipOrFailInCi(
                $"no shared/reference folder beside an ancestor of {TestContext.CurrentContext.TestDirectory}");
            return null!; // unreachable: SkipOrFailInCi throws
        }
        var path = Path.Combine(reference, folder, name);
        Assert.That(File.Exists(path), Is.True, $"reference sample missing: {path}");
        return path;
    }

    private static string? FindSharedReference()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    [GeneratedRegex(@"(<ns1:AttachmentBinaryObject[^>]*>)([^<]*)(</ns1:AttachmentBinaryObject>)")]
    private static partial Regex AttachmentPattern();
}

/// <summary>The hub's verdict, exactly as the hub reaches it: Content parsed by ContentDocument, the reference verifier.</summary>
internal static class SignaturesHubVerdict
{
    public static VerificationResult Verify(string xml, X509Certificate2 registered)
    {
        var document = ContentDocument.TryParse(xml, out var reason);
        Assert.That(document, Is.Not.Null, $"the hub could not parse the document: {reason}");
        var verifier = new EnvelopeSignatureVerifier(Options.Create(new SignatureOptions()), new ReferenceSignatureCryptography());
        return verifier.Verify(document!, [registered], DateTimeOffset.UtcNow);
    }

    public static string Describe(VerificationResult result) =>
        $"{result.Verdict} [{result.Check}] {result.Reason} (signer {result.SignerSubject ?? "-"}, {result.SignerThumbprint ?? "-"})";
}
