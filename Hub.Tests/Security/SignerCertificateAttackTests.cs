using System.Globalization;
using Hub.Service.Security;
using static Hub.Tests.Security.SignatureDocuments;

namespace Hub.Tests.Security;

/// <summary>
/// Whose signature it is, and when: the embedded certificate must be one the sender registered, and be valid at the
/// signing time the signed document states (SignatorySPSAuthentication/ActualDateTime/DateTimeString), or at delivery.
/// </summary>
public class SignerCertificateAttackTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;

    // Delivered the day after the signing times these tests state (within MaxSigningTimeAge, so the certificate's own
    // validity at that time is what is tested).
    private static readonly DateTimeOffset s_deliveredMarch2022 = new(2022, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static void AssertInvalid(VerificationResult result, string check, params string[] reasonParts)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Invalid));
            Assert.That(result.Check, Is.EqualTo(check));
            foreach (var part in reasonParts) Assert.That(result.Reason, Does.Contain(part));
        });
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    [Test]
    public void A_certificate_registered_to_nobody_is_invalid()
    {
        // Attack: anyone signs with a self-made certificate and hopes a valid signature is taken for the sender's.
        var result = Verify(SignedSample(SignerCertificates.Unregistered));

        AssertInvalid(result, "certificate-registered", "is not registered as a signing certificate of the sender",
            SignerCertificates.Sha256Hex(SignerCertificates.Unregistered));
        Assert.That(result.SignerSubject, Is.EqualTo(SignerCertificates.Unregistered.Subject));
    }

    [Test]
    public void Another_participants_valid_certificate_is_invalid_for_this_sender()
    {
        // Attack: a genuine signature by another country's NPPO, presented as the sender's.
        var document = SignedSample(SignerCertificates.OtherParticipant);
        Assert.That(Verify(document, SignerCertificates.Registered(SignerCertificates.OtherParticipant)).Verdict,
            Is.EqualTo(SignatureVerdict.Valid), "precondition: the signature is genuine for its own participant");

        AssertInvalid(Verify(document), "certificate-registered", "CN=NPPO KE signing", "not registered");
    }

    [Test]
    public void A_sender_without_registered_certificates_gets_an_invalid_verdict()
    {
        // Attack: a participant with no registered certificate must not get any signature accepted.
        AssertInvalid(Verify(SignedSample(SignerCertificates.SenderRsa), registered: []), "certificate-registered", "not registered");
    }

    [Test]
    public void A_certificate_with_the_senders_subject_but_another_key_is_invalid()
    {
        // Attack: a look-alike certificate (same subject DN, different key), for verifiers that match by name.
        Assert.That(SignerCertificates.Impostor.Subject, Is.EqualTo(SignerCertificates.SenderRsa.Subject), "precondition");

        var result = Verify(SignedSample(SignerCertificates.Impostor));

        AssertInvalid(result, "certificate-registered", SignerCertificates.Sha256Hex(SignerCertificates.Impostor), "not registered");
    }

    [Test]
    public void The_registered_certificate_embedded_over_a_signature_made_with_another_key_is_invalid()
    {
        // Attack: the sender's public certificate copied into KeyInfo of a document signed with the impostor's key.
        var document = SignatureForgery.Sign(Sample(), SignerCertificates.Impostor, [SignatureForgery.WholeDocument()],
            embedded: [SignerCertificates.SenderRsa]);

        var result = Verify(document);

        AssertInvalid(result, "signature-value", "not signed with this certificate's key");
        Assert.That(result.SignerThumbprint, Is.EqualTo(SignerCertificates.Sha256Hex(SignerCertificates.SenderRsa)));
    }

    [Test]
    public void An_expired_certificate_is_invalid_at_the_signing_time_the_document_states()
    {
        // Attack: a document signed with a certificate after it expired (a retired or compromised key).
        var document = SignedSample(SignerCertificates.Expired, signingTime: "2022-03-01T10:00:00-03:00");

        var result = Verify(document, SignerCertificates.Registered(SignerCertificates.Expired), deliveredAt: s_deliveredMarch2022);

        AssertInvalid(result, "certificate-validity", "valid from 2020-01-01", "to 2020-12-31", "not at 2022-03-01 13:00:00Z");
    }

    [Test]
    public void An_expired_certificate_is_invalid_at_delivery_when_the_document_states_no_signing_time()
    {
        // Attack: an expired certificate on a document that gives no signing time; the delivery time decides.
        var document = SignedSample(SignerCertificates.Expired);

        var result = Verify(document, SignerCertificates.Registered(SignerCertificates.Expired), deliveredAt: s_now);

        AssertInvalid(result, "certificate-validity", "valid from 2020-01-01", $"not at {s_now.UtcDateTime:yyyy-MM-dd}");
    }

    [Test]
    public void An_expired_certificate_is_valid_for_a_document_signed_while_it_was_valid()
    {
        var document = SignedSample(SignerCertificates.Expired, signingTime: "2020-06-15T10:00:00-03:00");

        var result = Verify(document, SignerCertificates.Registered(SignerCertificates.Expired), deliveredAt: new DateTimeOffset(2020, 7, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.That(result.Verdict, Is.EqualTo(SignatureVerdict.Valid), result.Reason);
    }

    [Test]
    public void A_signing_time_changed_after_signing_to_rescue_an_expired_certificate_is_invalid()
    {
        // Attack: the signed signing time edited back into the certificate's validity.
        var document = SignedSample(SignerCertificates.Expired, signingTime: "2022-03-01T10:00:00-03:00");
        var edited = Edit(document, "2022-03-01T10:00:00-03:00", "2020-06-15T10:00:00-03:00");

        AssertInvalid(Verify(edited, SignerCertificates.Registered(SignerCertificates.Expired), deliveredAt: new DateTimeOffset(2020, 7, 1, 0, 0, 0, TimeSpan.Zero)), "digest", "does not match");
    }

    [Test]
    public void A_signing_time_smuggled_into_the_unsigned_KeyInfo_is_not_taken()
    {
        // Attack: KeyInfo is not covered by the signature; a signing time placed there (inside X509IssuerSerial) must
        // not make an expired certificate valid.
        var document = SignedSample(SignerCertificates.Expired);
        var x509Data = DsElement(document, "X509Data");
        var issuerSerial = NewDs(document, "X509IssuerSerial");
        issuerSerial.AppendChild(NewDs(document, "X509IssuerName", SignerCertificates.Expired.Issuer));
        issuerSerial.AppendChild(NewDs(document, "X509SerialNumber", "1"));
        var smuggled = document.CreateElement("ram", "SignatorySPSAuthentication", Ram);
        var actualDateTime = document.CreateElement("ram", "ActualDateTime", Ram);
        actualDateTime.InnerText = "2020-06-15T10:00:00Z";
        smuggled.AppendChild(actualDateTime);
        issuerSerial.AppendChild(smuggled);
        x509Data.AppendChild(issuerSerial);

        var result = Verify(Reparse(document), SignerCertificates.Registered(SignerCertificates.Expired), deliveredAt: s_now);

        // The strict reading of X509IssuerSerial refuses the smuggled element first; the signing time is also read only
        // outside ds:Signature (defence in depth), so either way the expired certificate is not made valid.
        AssertInvalid(result, "key-info", "SignatorySPSAuthentication in X509IssuerSerial");
    }

    [Test]
    public void A_not_yet_valid_certificate_is_invalid_at_the_signing_time_the_document_states()
    {
        // Attack: a signature dated before the certificate's validity (a key used before it was authorised).
        var document = SignedSample(SignerCertificates.NotYetValid, signingTime: Iso(s_now));

        var result = Verify(document, SignerCertificates.Registered(SignerCertificates.NotYetValid), deliveredAt: s_now.AddDays(60));

        AssertInvalid(result, "certificate-validity", $"valid from {SignerCertificates.NotYetValid.NotBefore.ToUniversalTime():yyyy-MM-dd}");
    }

    [Test]
    public void A_not_yet_valid_certificate_is_invalid_at_delivery_when_the_document_states_no_signing_time()
    {
        // Attack: a certificate registered ahead of a rollover, used before its validity starts.
        var document = SignedSample(SignerCertificates.NotYetValid);
        var registered = SignerCertificates.Registered(SignerCertificates.NotYetValid);

        AssertInvalid(Verify(document, registered, deliveredAt: s_now), "certificate-validity", "valid from");
        Assert.That(Verify(document, registered, deliveredAt: s_now + SignerCertificates.NotYetValidIn + TimeSpan.FromDays(1)).Verdict,
            Is.EqualTo(SignatureVerdict.Valid), "delivered once the certificate is valid");
    }

    [Test]
    public void The_signing_time_of_the_small_SPS_document_is_read_too()
    {
        var document = Signed(WithSigningTime(Parse(SmallSps), "2022-03-01T10:00:00Z"), SignerCertificates.Expired);

        var result = Verify(document, SignerCertificates.Registered(SignerCertificates.Expired), deliveredAt: s_deliveredMarch2022);

        AssertInvalid(result, "certificate-validity", "not at 2022-03-01 10:00:00Z");
    }
}
