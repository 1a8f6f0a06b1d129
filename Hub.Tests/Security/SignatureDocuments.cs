using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Hub.Service.Security;
using Microsoft.Extensions.Options;

namespace Hub.Tests.Security;

/// <summary>
/// The documents the signature tests sign and attack: the IPPC sample ePhyto from shared/reference (found beside the
/// repository by walking up from the test folder) with its base64 attachments shrunk, and a small SPS certificate.
/// Every document is parsed by <see cref="ContentDocument.TryParse"/>, as the service parses an envelope's Content.
/// </summary>
internal static partial class SignatureDocuments
{
    public const string Ds = EnvelopeSignatureVerifier.DsigNamespace;
    public const string Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21";

    /// <summary>A small SPS certificate (mixed content, an escaped ampersand, attributes, an empty signing time).</summary>
    public const string SmallSps = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:data:standard:SPSCertificate:17" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21">
          <rsm:SPSExchangedDocument>
            <ram:Name>Phytosanitary Certificate</ram:Name>
            <ram:ID>KE-2025-000117</ram:ID>
            <ram:TypeCode>851</ram:TypeCode>
            <ram:StatusCode>70</ram:StatusCode>
            <ram:IssuerSPSParty><ram:Name>KEPHIS &amp; partners</ram:Name></ram:IssuerSPSParty>
            <ram:IncludedSPSNote><ram:Subject>ADEDL</ram:Subject><ram:Content languageID="en">Free from <ram:Name>Bactrocera dorsalis</ram:Name>.</ram:Content></ram:IncludedSPSNote>
            <ram:SignatorySPSAuthentication><ram:ActualDateTime><udt:DateTimeString/></ram:ActualDateTime></ram:SignatorySPSAuthentication>
          </rsm:SPSExchangedDocument>
          <rsm:SPSConsignment><ram:ConsignorSPSParty><ram:Name>Fresh Produce Ltd</ram:Name></ram:ConsignorSPSParty></rsm:SPSConsignment>
        </rsm:SPSCertificate>
        """;

    private const int ShrunkAttachmentChars = 76;
    private static readonly Lazy<string> s_sample = new(LoadShrunkSample);

    /// <summary>The IPPC sample ePhyto (about 220 KB) with each AttachmentBinaryObject cut to 76 base64 characters.</summary>
    public static string ShrunkSample => s_sample.Value;

    /// <summary>Parses Content as the service does; a refusal fails the test with the parser's reason.</summary>
    public static XmlDocument Parse(string content) =>
        ContentDocument.TryParse(content, out var reason) ?? throw new AssertionException($"ContentDocument refused the test document: {reason}");

    /// <summary>The shrunk sample, unsigned, with the signing time set when given.</summary>
    public static XmlDocument Sample(string? signingTime = null) => WithSigningTime(Parse(ShrunkSample), signingTime);

    /// <summary>The shrunk sample signed by <paramref name="certificate"/> with the hub's signer, as it arrives (re-parsed).</summary>
    public static XmlDocument SignedSample(X509Certificate2 certificate, bool exclusive = true, string digest = "sha256", string? signingTime = null) =>
        Signed(Sample(signingTime), certificate, exclusive, digest);

    /// <summary>Signs with <see cref="DocumentSigner"/> and returns the document as the recipient parses it.</summary>
    public static XmlDocument Signed(XmlDocument document, X509Certificate2 certificate, bool exclusive = true, string digest = "sha256")
    {
        DocumentSigner.Sign(document, certificate, exclusive, digest);
        return Reparse(document);
    }

    /// <summary>The document serialized and parsed again: what a recipient gets from raw Content.</summary>
    public static XmlDocument Reparse(XmlDocument document) => Parse(document.OuterXml);

    /// <summary>The serialized document with <paramref name="find"/> (which must occur exactly once) replaced, parsed again.</summary>
    public static XmlDocument Edit(XmlDocument document, string find, string replacement)
    {
        var text = document.OuterXml;
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.That(at >= 0 && text.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, Is.True, $"'{find}' must occur exactly once in the document");
        return Parse(string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length)));
    }

    public static string Base64Content(XmlDocument document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));

    /// <summary>
    /// Verifies as the service does (the fast cryptography), and, as a differential check on every document of every
    /// test, with the SignedXml reference too: the two must reach the same verdict, or the fast path is wrong.
    /// </summary>
    public static VerificationResult Verify(
        XmlDocument document, IReadOnlyList<X509Certificate2>? registered = null, DateTimeOffset? deliveredAt = null, SignatureOptions? options = null)
    {
        var at = deliveredAt ?? DateTimeOffset.UtcNow;
        var certificates = registered ?? SignerCertificates.SenderRegistered;
        var settings = Options.Create(options ?? new SignatureOptions());
        var fast = new EnvelopeSignatureVerifier(settings, new FastSignatureCryptography()).Verify(document, certificates, at);
        var reference = new EnvelopeSignatureVerifier(settings, new ReferenceSignatureCryptography()).Verify(document, certificates, at);
        Assert.That(fast.Verdict, Is.EqualTo(reference.Verdict),
            $"fast path and SignedXml disagree: fast {fast.Verdict} ({fast.Check}: {fast.Reason}), reference {reference.Verdict} ({reference.Check}: {reference.Reason})");
        return fast;
    }

    /// <summary>Parses Content (raw XML or base64) like the service and verifies it.</summary>
    public static VerificationResult VerifyContent(string content, IReadOnlyList<X509Certificate2>? registered = null) =>
        Verify(Parse(content), registered);

    /// <summary>The one ds:Signature of the document.</summary>
    public static XmlElement SignatureOf(XmlDocument document) =>
        document.GetElementsByTagName("Signature", Ds).OfType<XmlElement>().Single();

    /// <summary>The first ds:<paramref name="localName"/> inside the document's signature.</summary>
    public static XmlElement DsElement(XmlDocument document, string localName) =>
        SignatureOf(document).GetElementsByTagName(localName, Ds).OfType<XmlElement>().First();

    /// <summary>A new element in the XML-DSig namespace.</summary>
    public static XmlElement NewDs(XmlDocument document, string localName, string? text = null)
    {
        var element = document.CreateElement(localName, Ds);
        if (text is not null) element.InnerText = text;
        return element;
    }

    /// <summary>Sets SignatorySPSAuthentication/ActualDateTime/DateTimeString, the signing time the verifier reads.</summary>
    public static XmlDocument WithSigningTime(XmlDocument document, string? signingTime)
    {
        if (signingTime is null) return document;
        var actual = document.GetElementsByTagName("ActualDateTime", Ram).OfType<XmlElement>().First();
        actual.GetElementsByTagName("DateTimeString", "*").OfType<XmlElement>().Single().InnerText = signingTime;
        return document;
    }

    private static string LoadShrunkSample()
    {
        var relative = Path.Combine("shared", "reference", "ephyto", "sample-SPSCertificate.xml");
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return AttachmentPattern().Replace(File.ReadAllText(candidate),
                    m => m.Groups[1].Value + m.Groups[2].Value[..Math.Min(ShrunkAttachmentChars, m.Groups[2].Length)] + m.Groups[3].Value);
            }
        }

        throw new FileNotFoundException($"The IPPC sample ePhyto is missing: no {relative} beside an ancestor of {TestContext.CurrentContext.TestDirectory}.");
    }

    [GeneratedRegex(@"(<ns1:AttachmentBinaryObject[^>]*>)([^<]*)(</ns1:AttachmentBinaryObject>)")]
    private static partial Regex AttachmentPattern();
}
