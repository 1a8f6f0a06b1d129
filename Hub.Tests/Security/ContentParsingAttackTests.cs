using System.Text;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// Content is parsed before any signature check, with DTDs prohibited and no resolver: entity tricks never reach the
/// verifier, and ContentDocument says why it refused.
/// </summary>
public class ContentParsingAttackTests
{
    private static void AssertRefusedAsDtd(string content)
    {
        var document = ContentDocument.TryParse(content, out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(document, Is.Null);
            Assert.That(reason, Does.Contain("DTD").And.Contain("not allowed"));
        });
    }

    [Test]
    public void An_internal_entity_declared_in_a_DTD_is_refused()
    {
        // Attack: an entity whose replacement text is signed content, so what is signed differs from what is read.
        AssertRefusedAsDtd("""
            <!DOCTYPE r [<!ENTITY origin "Argentina">]>
            <r>&origin;</r>
            """);
    }

    [Test]
    public void An_external_entity_is_refused_and_nothing_is_read()
    {
        // Attack: XXE, making the hub read a local file (or fetch a URL) into the document it verifies.
        AssertRefusedAsDtd("""
            <!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <r>&secret;</r>
            """);
    }

    [Test]
    public void Nested_entity_expansion_is_refused()
    {
        // Attack: "billion laughs", exponential entity expansion to exhaust memory.
        AssertRefusedAsDtd("""
            <!DOCTYPE r [
              <!ENTITY a "aaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            ]>
            <r>&c;</r>
            """);
    }

    [Test]
    public void A_DTD_with_default_attributes_put_in_front_of_a_signed_document_is_refused()
    {
        // Attack: an ATTLIST default adds attributes to signed elements at parse time, changing what the reader sees.
        var signed = SignedSample(SignerCertificates.SenderRsa).OuterXml;
        var body = signed[(signed.IndexOf("?>", StringComparison.Ordinal) + 2)..];
        var content = "<!DOCTYPE ns0:SPSCertificate [<!ATTLIST ns1:Content languageID CDATA \"es\">]>" + body;

        AssertRefusedAsDtd(content);
    }

    [Test]
    public void A_DTD_inside_base64_Content_is_refused_too()
    {
        // Attack: the same entity tricks hidden from a text filter by base64-encoding the Content.
        AssertRefusedAsDtd(Convert.ToBase64String(Encoding.UTF8.GetBytes("""<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>""")));
    }

    [Test]
    public void An_undeclared_entity_reference_is_refused_as_not_well_formed()
    {
        // Attack: an entity reference the parser would have to resolve from somewhere outside the document.
        var document = ContentDocument.TryParse("<r>&nbsp;</r>", out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(document, Is.Null);
            Assert.That(reason, Does.StartWith("Content is not well-formed XML"));
        });
    }

    [Test]
    public void Content_that_is_neither_XML_nor_base64_is_refused_with_the_reason()
    {
        // Attack: Content a lenient decoder would half-read (base64 skipping bad characters) and verify something else.
        var document = ContentDocument.TryParse("certificate attached ~~", out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(document, Is.Null);
            Assert.That(reason, Is.EqualTo("Content is neither XML nor base64-encoded XML."));
        });
    }
}
