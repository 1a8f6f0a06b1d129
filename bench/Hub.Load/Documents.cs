using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Hub.Service.Security;

namespace Hub.Load;

/// <summary>
/// The signed ePhytos delivered: the IPPC sample with its attached documents (ReferenceSPSReferencedDocument, base64)
/// and indentation removed and only the smaller of its two trade line items kept (about 8 KB signed), and that document with its first trade line item repeated to about 1 MB. Each is signed once
/// with the hub's development signing certificate for NL (nl-signing.pfx) through Hub.Service's DocumentSigner.
/// </summary>
internal static partial class Documents
{
    public const string SampleName = "sample-SPSCertificate.xml";

    public static string Small(string samplePath) => WithoutAttachments(File.ReadAllText(samplePath, Encoding.UTF8));

    public static string Large(string samplePath, int size) => RepeatTradeLineItems(Small(samplePath), size);

    public static string Sign(string xml, string signingPfx)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(signingPfx, Driver.PfxPassword);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            document.Load(reader);
        if (document.FirstChild is XmlDeclaration declaration) document.RemoveChild(declaration);
        DocumentSigner.Sign(document, certificate);
        return document.OuterXml;
    }

    /// <summary>EPHYTO_SAMPLE, else shared/reference/ephyto/ beside an ancestor of the repository.</summary>
    public static string FindSample(string repository)
    {
        var configured = Environment.GetEnvironmentVariable("EPHYTO_SAMPLE");
        if (!string.IsNullOrEmpty(configured)) return configured;
        for (var dir = new DirectoryInfo(repository); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "ephyto", SampleName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{SampleName} not found: set EPHYTO_SAMPLE to its path.");
    }

    /// <summary>No attached documents, no indentation, and only the last (smaller) of the two trade line items.</summary>
    private static string WithoutAttachments(string xml)
    {
        xml = IndentationPattern().Replace(AttachmentDocumentPattern().Replace(xml, ""), "\n");
        var first = TradeLineItemPattern().Match(xml);
        return first.NextMatch().Success ? xml.Remove(first.Index, first.Length) : xml;
    }

    private static string RepeatTradeLineItems(string xml, int size)
    {
        var item = TradeLineItemPattern().Match(xml);
        var insertAt = item.Index + item.Length;
        var copies = new StringBuilder();
        for (var i = 0; xml.Length + copies.Length < size; i++)
            copies.Append('\n').Append(item.Value.Replace("<ns1:SequenceNumeric>", $"<ns1:SequenceNumeric>{i}", StringComparison.Ordinal));
        return xml.Insert(insertAt, copies.ToString());
    }

    [GeneratedRegex(@"\s*<ns1:ReferenceSPSReferencedDocument>.*?</ns1:ReferenceSPSReferencedDocument>", RegexOptions.Singleline)]
    private static partial Regex AttachmentDocumentPattern();

    [GeneratedRegex(@"\n\s+")]
    private static partial Regex IndentationPattern();

    [GeneratedRegex(@"<ns1:IncludedSPSTradeLineItem>.*?</ns1:IncludedSPSTradeLineItem>", RegexOptions.Singleline)]
    private static partial Regex TradeLineItemPattern();
}
