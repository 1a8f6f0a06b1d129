using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// Bounds on the signed document (depth, elements, attributes per element, namespace declarations) at N and N+1, and
/// the bounds on a stated signing time. Each guards the hub's CPU against a sender: deep nesting and wide elements made
/// the signature-size and canonicalization steps quadratic before these limits existed.
/// </summary>
public class ContentLimitTests
{
    private static readonly SignatureOptions s_small = new()
    {
        MaxContentDepth = 10, MaxContentElements = 60, MaxAttributesPerElement = 5, MaxNamespaceDeclarations = 4,
    };

    /// <summary>An unsigned document is enough: limits come before everything but parsing.</summary>
    private static VerificationResult Check(string xml) =>
        new EnvelopeSignatureVerifier(Microsoft.Extensions.Options.Options.Create(s_small), new FastSignatureCryptography())
            .Verify(Parse(xml), [], DateTimeOffset.UtcNow);

    private static string Nested(int depth) =>
        new StringBuilder().Insert(0, "<a>", depth).Append(new StringBuilder().Insert(0, "</a>", depth)).ToString();

    private static void AssertLimit(VerificationResult result, string limit)
    {
        Assert.That(result.Check, Is.EqualTo("content-limits"), result.Reason);
        Assert.That(result.Reason, Does.Contain($"(limit {limit})"));
    }

    [Test]
    public void Depth_at_the_limit_passes_and_one_more_level_is_refused()
    {
        // Guards: deep nesting (linear to parse, quadratic to write back as XML).
        Assert.That(Check(Nested(10)).Verdict, Is.EqualTo(SignatureVerdict.Unsigned));
        AssertLimit(Check(Nested(11)), "MaxContentDepth");
    }

    [Test]
    public void Elements_at_the_limit_pass_and_one_more_is_refused()
    {
        Assert.That(Check("<r>" + string.Concat(Enumerable.Repeat("<e/>", 59)) + "</r>").Verdict, Is.EqualTo(SignatureVerdict.Unsigned));
        AssertLimit(Check("<r>" + string.Concat(Enumerable.Repeat("<e/>", 60)) + "</r>"), "MaxContentElements");
    }

    [Test]
    public void Attributes_at_the_limit_pass_and_one_more_is_refused()
    {
        // Guards: thousands of attributes on one element (canonicalization sorts them).
        static string WithAttributes(int n) => "<r " + string.Join(' ', Enumerable.Range(0, n).Select(i => $"a{i}=\"\"")) + "/>";
        Assert.That(Check(WithAttributes(5)).Verdict, Is.EqualTo(SignatureVerdict.Unsigned));
        AssertLimit(Check(WithAttributes(6)), "MaxAttributesPerElement");
    }

    [Test]
    public void Namespace_declarations_at_the_limit_pass_and_one_more_is_refused()
    {
        // Guards: many namespaces in scope (every element's rendering looks them up).
        static string WithDeclarations(int n) => "<r>" + string.Concat(Enumerable.Range(0, n).Select(i => $"<e xmlns:p{i}=\"urn:{i}\"/>")) + "</r>";
        Assert.That(Check(WithDeclarations(4)).Verdict, Is.EqualTo(SignatureVerdict.Unsigned));
        AssertLimit(Check(WithDeclarations(5)), "MaxNamespaceDeclarations");
    }

    private static VerificationResult SignedAt(string signingTime, DateTimeOffset deliveredAt)
    {
        var document = SignedSample(SignerCertificates.SenderRsa, signingTime: signingTime);
        return new EnvelopeSignatureVerifier(Microsoft.Extensions.Options.Options.Create(new SignatureOptions()), new FastSignatureCryptography())
            .Verify(Reparse(document), SignerCertificates.SenderRegistered, deliveredAt);
    }

    [Test]
    public void A_signing_time_in_the_future_is_refused()
    {
        // Guards: a not-yet-valid certificate made acceptable by a signing time after the delivery.
        var now = DateTimeOffset.UtcNow;
        Assert.That(SignedAt(XmlConvert.ToString(now.AddMinutes(4)), now).Verdict, Is.EqualTo(SignatureVerdict.Valid), "within the clock skew");
        var result = SignedAt(XmlConvert.ToString(now.AddMinutes(6)), now);
        Assert.That(result.Check, Is.EqualTo("signing-time"));
        Assert.That(result.Reason, Does.Contain("after its delivery"));
    }

    [Test]
    public void A_signing_time_older_than_MaxSigningTimeAge_is_refused()
    {
        // Guards: a retired (expired) key signing new documents back-dated into its validity.
        var now = DateTimeOffset.UtcNow;
        Assert.That(SignedAt(XmlConvert.ToString(now.AddDays(-89)), now).Check, Is.Not.EqualTo("signing-time"),
            "89 days back passes this limit (the test certificate itself may not cover that date: the next check decides)");
        var result = SignedAt(XmlConvert.ToString(now.AddDays(-91)), now);
        Assert.That(result.Check, Is.EqualTo("signing-time"));
        Assert.That(result.Reason, Does.Contain("(limit MaxSigningTimeAge)"));
    }

    [Test]
    public void A_malformed_KeyValue_is_an_Invalid_verdict_not_an_exception()
    {
        // Guards: a KeyValue with two Modulus elements once threw out of the verifier (a generic fault to the sender).
        var document = SignedSample(SignerCertificates.SenderRsa);
        var keyInfo = DsElement(document, "KeyInfo");
        var keyValue = NewDs(document, "KeyValue");
        var rsa = NewDs(document, "RSAKeyValue");
        rsa.AppendChild(NewDs(document, "Modulus", "AA=="));
        rsa.AppendChild(NewDs(document, "Modulus", "AA=="));
        rsa.AppendChild(NewDs(document, "Exponent", "AQAB"));
        keyValue.AppendChild(rsa);
        keyInfo.AppendChild(keyValue);

        Assert.That(Verify(Reparse(document)).Check, Is.EqualTo("key-match"));
    }
}
