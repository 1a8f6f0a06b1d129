using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Hub.Bench;

/// <summary>
/// The documents measured, all derived from the IPPC sample ePhyto (shared/reference/ephyto/sample-SPSCertificate.xml)
/// and signed as a country would sign them (enveloped ds:Signature, last child of the root, RSA-SHA256 with an X.509
/// certificate in KeyInfo), then parsed the way the hub parses them.
/// </summary>
internal static partial class BenchDocuments
{
    /// <summary>The sample with each AttachmentBinaryObject cut to one base64 line: about 25 KB, 900 nodes.</summary>
    public const string EPhyto25K = "ePhyto-25KB";

    /// <summary>The sample as published (six base64 attachments): about 220 KB.</summary>
    public const string EPhyto220K = "ePhyto-220KB";

    /// <summary>The 25 KB document with its first IncludedSPSTradeLineItem repeated up to about 1 MB (structure, not base64).</summary>
    public const string Synthetic1M = "ePhyto-1MB";

    private const string SampleVariable = "EPHYTO_SAMPLE";
    private const string SampleName = "sample-SPSCertificate.xml";
    private const int ShrunkAttachmentChars = 76;

    /// <summary>The signed document text for one of the names above.</summary>
    public static string Signed(string name, string transformAlgorithm) => Sign(Unsigned(name), transformAlgorithm);

    /// <summary>The document text for one of the names above, before signing.</summary>
    public static string Unsigned(string name)
    {
        var sample = File.ReadAllText(FindSample(), Encoding.UTF8);
        return name switch
        {
            EPhyto25K => ShrinkAttachments(sample),
            EPhyto220K => sample,
            Synthetic1M => RepeatTradeLineItems(ShrinkAttachments(sample), 1_000_000),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown document"),
        };
    }

    /// <summary>Parsed as the hub parses a certificate: whitespace preserved, no DTD, no resolver.</summary>
    public static XmlDocument Parse(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }

    public static int CountNodes(XmlNode node)
    {
        var count = 1 + (node.Attributes?.Count ?? 0);
        for (var child = node.FirstChild; child is not null; child = child.NextSibling)
        {
            count += CountNodes(child);
        }

        return count;
    }

    private static string ShrinkAttachments(string xml) =>
        AttachmentPattern().Replace(xml, m => m.Groups[1].Value + m.Groups[2].Value[..Math.Min(ShrunkAttachmentChars, m.Groups[2].Length)] + m.Groups[3].Value);

    /// <summary>Repeats the first IncludedSPSTradeLineItem (with different IDs) until the document reaches <paramref name="size"/> characters.</summary>
    private static string RepeatTradeLineItems(string xml, int size)
    {
        var item = TradeLineItemPattern().Match(xml);
        var insertAt = item.Index + item.Length;
        var copies = new StringBuilder();
        for (var i = 0; xml.Length + copies.Length < size; i++)
        {
            copies.Append("\n            ").Append(item.Value.Replace("<ns1:SequenceNumeric>", $"<ns1:SequenceNumeric>{i}", StringComparison.Ordinal));
        }

        return xml.Insert(insertAt, copies.ToString());
    }

    private static string Sign(string xml, string transformAlgorithm)
    {
        var document = Parse(xml);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Bench NPPO, O=Hub Bench, C=NZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var signedXml = new SignedXml(document) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = transformAlgorithm;
        signedXml.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(transformAlgorithm == SignedXml.XmlDsigExcC14NTransformUrl ? new XmlDsigExcC14NTransform() : new XmlDsigC14NTransform());
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signedXml.GetXml(), deep: true));
        return document.OuterXml;
    }

    /// <summary>EPHYTO_SAMPLE, else shared/reference/ephyto/ beside an ancestor of the working or base directory.</summary>
    private static string FindSample()
    {
        var configured = Environment.GetEnvironmentVariable(SampleVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "reference", "ephyto", SampleName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{SampleName} not found: set {SampleVariable} to its path.");
    }

    [GeneratedRegex(@"(<ns1:AttachmentBinaryObject[^>]*>)([^<]*)(</ns1:AttachmentBinaryObject>)")]
    private static partial Regex AttachmentPattern();

    [GeneratedRegex(@"<ns1:IncludedSPSTradeLineItem>.*?</ns1:IncludedSPSTradeLineItem>", RegexOptions.Singleline)]
    private static partial Regex TradeLineItemPattern();
}
