using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Hub.Service.Security.Canonicalization;

namespace Hub.Bench;

/// <summary>
/// One Reference digest (URI="", enveloped signature removed, canonicalized, SHA-256) of a signed ePhyto, three sizes:
/// ours over the parsed document against the runtime's transforms. Per algorithm:
/// <list type="bullet">
/// <item><c>SignedXml_Transform</c> (baseline): the C14N transform alone, on a DOM that already lacks the signature,
/// output stream hashed. The pure canonicalization pass.</item>
/// <item><c>Ours</c>: <see cref="XmlCanonicalizer"/> on the document as parsed, skipping ds:Signature, straight into
/// an <see cref="IncrementalHash"/>.</item>
/// <item><c>SignedXml_ReferencePipeline</c> (exclusive only): what <c>SignedXml.CheckSignature</c> does per Reference:
/// re-parse <c>OuterXml</c>, drop comments, enveloped-signature transform, C14N transform, hash.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class CanonicalizationBenchmarks
{
    private XmlDocument _inclusiveSigned = null!;
    private XmlDocument _exclusiveSigned = null!;
    private XmlElement _inclusiveSignature = null!;
    private XmlElement _exclusiveSignature = null!;
    private XmlDocument _withoutSignature = null!;
    private IncrementalHash _hash = null!;

    [Params(BenchDocuments.EPhyto25K, BenchDocuments.EPhyto220K, BenchDocuments.Synthetic1M)]
    public string Document { get; set; } = BenchDocuments.EPhyto25K;

    [GlobalSetup]
    public void Setup()
    {
        (_inclusiveSigned, _inclusiveSignature) = Load(BenchDocuments.Signed(Document, SignedXml.XmlDsigC14NTransformUrl));
        (_exclusiveSigned, _exclusiveSignature) = Load(BenchDocuments.Signed(Document, SignedXml.XmlDsigExcC14NTransformUrl));
        _withoutSignature = BenchDocuments.Parse(_exclusiveSigned.OuterXml);
        var signature = _withoutSignature.DocumentElement!.LastChild!;
        signature.ParentNode!.RemoveChild(signature);
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        var ours = Ours(_exclusiveSigned, _exclusiveSignature, C14NMethod.Exclusive);
        var reference = SignedXmlTransform(new XmlDsigExcC14NTransform());
        if (!ours.AsSpan().SequenceEqual(reference))
        {
            throw new InvalidOperationException("The canonicalizer and SignedXml disagree on the benchmark document.");
        }

        Console.WriteLine($"// {Document}: {_exclusiveSigned.OuterXml.Length:N0} chars, {BenchDocuments.CountNodes(_exclusiveSigned):N0} nodes");
    }

    [GlobalCleanup]
    public void Cleanup() => _hash.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("C14N 1.0")]
    public byte[] SignedXml_Transform_Inclusive() => SignedXmlTransform(new XmlDsigC14NTransform());

    [Benchmark, BenchmarkCategory("C14N 1.0")]
    public byte[] Ours_Inclusive() => Ours(_inclusiveSigned, _inclusiveSignature, C14NMethod.Inclusive);

    [Benchmark(Baseline = true), BenchmarkCategory("Exc-C14N 1.0")]
    public byte[] SignedXml_Transform_Exclusive() => SignedXmlTransform(new XmlDsigExcC14NTransform());

    [Benchmark, BenchmarkCategory("Exc-C14N 1.0")]
    public byte[] Ours_Exclusive() => Ours(_exclusiveSigned, _exclusiveSignature, C14NMethod.Exclusive);

    [Benchmark, BenchmarkCategory("Exc-C14N 1.0")]
    public byte[] SignedXml_ReferencePipeline_Exclusive()
    {
        // Utils.PreProcessDocumentInput + DiscardComments, then the chain SignedXml builds from the Reference.
        var copy = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(_exclusiveSigned.OuterXml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null }))
        {
            copy.Load(reader);
        }

        foreach (XmlNode comment in copy.SelectNodes("//comment()")!)
        {
            comment.ParentNode!.RemoveChild(comment);
        }

        var enveloped = new XmlDsigEnvelopedSignatureTransform();
        enveloped.LoadInput(copy);
        var transform = new XmlDsigExcC14NTransform();
        transform.LoadInput(enveloped.GetOutput());
        using var stream = (Stream)transform.GetOutput(typeof(Stream));
        return SHA256.HashData(stream);
    }

    private byte[] Ours(XmlDocument document, XmlElement signature, C14NMethod method)
    {
        XmlCanonicalizer.Canonicalize(document, method, signature, null, _hash);
        return _hash.GetHashAndReset();
    }

    private byte[] SignedXmlTransform(Transform transform)
    {
        transform.LoadInput(_withoutSignature);
        using var stream = (Stream)transform.GetOutput(typeof(Stream));
        return SHA256.HashData(stream);
    }

    private static (XmlDocument Document, XmlElement Signature) Load(string xml)
    {
        var document = BenchDocuments.Parse(xml);
        return (document, (XmlElement)document.DocumentElement!.LastChild!);
    }
}
