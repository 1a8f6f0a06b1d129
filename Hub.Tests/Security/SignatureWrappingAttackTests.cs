using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// XML signature wrapping (XSW): the genuine signed content kept somewhere in the document for the verifier while a
/// modified copy is what the reader sees. The hub signs and verifies the whole document (URI="", the one Signature a
/// child of the root), so every variant fails a structural check or the digest.
/// </summary>
public class SignatureWrappingAttackTests
{
    private static XmlDocument Genuine() => SignedSample(SignerCertificates.SenderRsa);

    private static XmlElement ExchangedDocument(XmlDocument document) => ExchangedDocument(document.DocumentElement!);

    private static XmlElement ExchangedDocument(XmlElement root) =>
        root.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "SPSExchangedDocument");

    private static void Falsify(XmlElement exchangedDocument) =>
        exchangedDocument.GetElementsByTagName("ID", Ram).OfType<XmlElement>().First().InnerText = "FORGED-001";

    private static void AssertInvalid(VerificationResult result, string check, string reason)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo(check));
            Assert.That(result.Reason, Does.Contain(reason));
        });
    }

    [Test]
    public void The_signed_root_moved_under_a_new_root_that_holds_the_signature_is_invalid()
    {
        // Attack (XSW): a forged certificate becomes the root and carries the genuine Signature as its child; the
        // genuine signed root is kept inside it, for a verifier that would digest "the element that was signed".
        var genuine = Genuine();
        var signature = SignatureOf(genuine);
        genuine.DocumentElement!.RemoveChild(signature);
        var forged = (XmlElement)genuine.DocumentElement.CloneNode(deep: true);
        Falsify(ExchangedDocument(forged));
        forged.AppendChild(genuine.DocumentElement.CloneNode(deep: true));
        forged.AppendChild(signature);
        genuine.ReplaceChild(forged, genuine.DocumentElement);

        AssertInvalid(Verify(Reparse(genuine)), "digest", "does not match");
    }

    [Test]
    public void The_whole_signed_document_wrapped_in_a_new_root_is_invalid()
    {
        // Attack (XSW): the genuine signed certificate, signature and all, hidden inside a forged certificate that
        // becomes the root and is what the reader reads.
        var genuine = Genuine();
        var original = genuine.DocumentElement!;
        var forged = (XmlElement)original.CloneNode(deep: true);
        forged.RemoveChild(forged.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Signature"));
        Falsify(ExchangedDocument(forged));
        genuine.ReplaceChild(forged, original);
        forged.AppendChild(original);

        AssertInvalid(Verify(Reparse(genuine)), "signature-position", "child of the document's root element");
    }

    [Test]
    public void A_decoy_sibling_carrying_the_original_content_next_to_a_modified_one_is_invalid()
    {
        // Attack (XSW): the reader takes the first SPSExchangedDocument (forged), the verifier could find the second (genuine).
        var genuine = Genuine();
        var original = ExchangedDocument(genuine);
        var forged = (XmlElement)original.CloneNode(deep: true);
        Falsify(forged);
        genuine.DocumentElement!.InsertBefore(forged, original);

        AssertInvalid(Verify(Reparse(genuine)), "digest", "does not match");
    }

    [Test]
    public void A_signature_moved_deeper_than_a_child_of_the_root_is_invalid()
    {
        // Attack (XSW): the Signature placed inside a signed sub-element, so that it appears to cover only that part.
        var genuine = Genuine();
        var signature = SignatureOf(genuine);
        genuine.DocumentElement!.RemoveChild(signature);
        genuine.DocumentElement.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "SPSConsignment").AppendChild(signature);

        AssertInvalid(Verify(Reparse(genuine)), "signature-position", "must be a child of the document's root element");
    }

    [Test]
    public void Two_signatures_under_the_root_are_invalid()
    {
        // Attack: a second signature (here another participant's, over the same content) so that a verifier checks
        // one and a reader trusts the other.
        var genuine = Genuine();
        var second = Signed(Sample(), SignerCertificates.OtherParticipant);
        genuine.DocumentElement!.AppendChild(genuine.ImportNode(SignatureOf(second), deep: true));

        AssertInvalid(Verify(Reparse(genuine)), "signature-count", "carries 2 ds:Signature elements; exactly one is allowed");
    }

    [Test]
    public void A_second_signature_nested_inside_an_Object_of_the_first_is_invalid()
    {
        // Attack: a signature hidden in a ds:Object of the outer one, for verifiers that look for "a" signature.
        var genuine = Genuine();
        var signature = SignatureOf(genuine);
        var dsObject = NewDs(genuine, "Object");
        dsObject.AppendChild(signature.CloneNode(deep: true));
        signature.AppendChild(dsObject);

        AssertInvalid(Verify(Reparse(genuine)), "signature-count", "carries 2 ds:Signature elements");
    }

    [Test]
    public void An_Object_inside_the_signature_holding_the_original_document_is_invalid()
    {
        // Attack (XSW): the genuine content parked in a ds:Object while the visible content is forged.
        var genuine = Genuine();
        var dsObject = NewDs(genuine, "Object");
        dsObject.AppendChild(ExchangedDocument(genuine).CloneNode(deep: true));
        SignatureOf(genuine).AppendChild(dsObject);
        Falsify(ExchangedDocument(genuine));

        AssertInvalid(Verify(Reparse(genuine)), "signature-structure", "no Object");
    }

    [Test]
    public void An_Id_referenced_element_moved_into_a_wrapper_and_replaced_by_a_forged_one_is_invalid()
    {
        // Attack (classic XSW on an ID reference): the signed element (Id="doc") moved aside and a forged one,
        // without the Id, put where the reader looks.
        var unsigned = Sample();
        ExchangedDocument(unsigned).SetAttribute("Id", "doc");
        var signed = SignatureForgery.Sign(unsigned, SignerCertificates.SenderRsa,
            [new Reference("#doc") { DigestMethod = SignatureAlgorithms.Sha256 }]);
        var original = ExchangedDocument(signed);
        var forged = (XmlElement)original.CloneNode(deep: true);
        forged.RemoveAttribute("Id");
        Falsify(forged);
        var wrapper = signed.CreateElement("ns0", "Attachments", signed.DocumentElement!.NamespaceURI);
        signed.DocumentElement.ReplaceChild(forged, original);
        wrapper.AppendChild(original);
        signed.DocumentElement.AppendChild(wrapper);

        AssertInvalid(Verify(Reparse(signed)), "reference-uri", "URI=\"#doc\"");
    }

    [Test]
    public void An_enveloping_signature_with_the_certificate_inside_its_Object_is_invalid()
    {
        // Attack: the signature as the root and the certificate inside ds:Object (enveloping, Reference URI="#obj"),
        // a different shape in which readers and verifiers disagree on where the content is.
        var unsigned = Sample();
        var holder = unsigned.CreateElement("holder");
        holder.AppendChild(unsigned.DocumentElement!);
        var signedXml = new SignedXml { SigningKey = SignerCertificates.SenderRsa.GetRSAPrivateKey() };
        signedXml.SignedInfo!.SignatureMethod = SignatureAlgorithms.RsaSha256;
        signedXml.AddObject(new DataObject { Id = "obj", Data = holder.ChildNodes });
        signedXml.AddReference(new Reference("#obj") { DigestMethod = SignatureAlgorithms.Sha256 });
        signedXml.KeyInfo = SignatureForgery.X509KeyInfo([SignerCertificates.SenderRsa]);
        signedXml.ComputeSignature();
        var enveloping = Parse(signedXml.GetXml().OuterXml);

        AssertInvalid(Verify(enveloping), "signature-position", "must be a child of the document's root element");
    }

    [Test]
    public void An_unknown_element_inside_the_signature_is_invalid()
    {
        // Attack: extra content inside ds:Signature (outside what is signed) for a consumer that reads it.
        var genuine = Genuine();
        SignatureOf(genuine).AppendChild(NewDs(genuine, "Manifest"));

        AssertInvalid(Verify(Reparse(genuine)), "signature-structure", "only SignedInfo, SignatureValue and KeyInfo");
    }
}
