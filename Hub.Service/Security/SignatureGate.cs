using System.Xml;
using Hub.Data;
using Microsoft.Extensions.Options;

namespace Hub.Service.Security;

/// <summary>
/// Applies the signature policy to a delivery: the stricter of the sender's and the recipient's policy for the
/// document kind (a specific CertificateType first, then the participant's every-kind policy (0), then the hub's
/// default). Verifies when the policy is not off, and says whether the delivery must be refused.
/// </summary>
public sealed class SignatureGate(
    EnvelopeSignatureVerifier verifier, SigningCertificates certificates, IOptions<SignatureOptions> options, TimeProvider time,
    ILogger<SignatureGate> logger)
{
    private readonly SignatureOptions _options = options.Value;

    /// <summary>
    /// The verdict to store with the envelope, and a refusal reason when the policy requires a valid signature.
    /// <paramref name="content"/> null: a status-40 withdrawal without a document, which is not checked.
    /// <paramref name="parsed"/>: the Content already read by the caller (so it is not parsed twice), or null.
    /// </summary>
    public (EnvelopeVerification Verdict, string? Refusal) Evaluate(string? content, XmlDocument? parsed, int certificateType,
        ParticipantRecord sender, ParticipantRecord recipient, string certificateNumber)
    {
        var now = time.GetUtcNow();
        if (content is null)
            return (new EnvelopeVerification(nameof(SignatureVerdict.NotChecked), "content", "A withdrawal without a document.", null, null, now.UtcDateTime), null);
        var policy = SignaturePolicies.Stricter(PolicyOf(sender, certificateType), PolicyOf(recipient, certificateType));
        var result = policy == SignaturePolicies.Off ? VerificationResult.NotChecked() : Verify(content, parsed, sender, now);

        SignatureLog.Verified(logger, sender.Code, certificateNumber, result.Verdict, result.Check, result.Reason);
        var refusal = policy == SignaturePolicies.Required && result.Verdict != SignatureVerdict.Valid
            ? $"A valid signature is required for CertificateType {certificateType} from {sender.Code} to {recipient.Code}: {result.Reason} (check {result.Check})"
            : null;
        return (new EnvelopeVerification(result.Verdict.ToString(), result.Check, result.Reason, result.SignerSubject,
            result.SignerThumbprint, now.UtcDateTime), refusal);
    }

    /// <summary>Fail-closed: whatever goes wrong while verifying is an Invalid verdict, never a Valid one or a crash.</summary>
    private VerificationResult Verify(string content, XmlDocument? parsed, ParticipantRecord sender, DateTimeOffset now)
    {
        try
        {
            string? reason = null;
            var document = parsed ?? ContentDocument.TryParse(content, out reason);
            if (document is null) return VerificationResult.Invalid("content", reason!);
            return verifier.Verify(document, certificates.Of(sender), now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SignatureLog.Failed(logger, e, sender.Code);
            return VerificationResult.Invalid("internal", "The signature could not be verified; the error was logged.");
        }
    }

    private string PolicyOf(ParticipantRecord participant, int certificateType) =>
        participant.SignaturePolicies.FirstOrDefault(p => p.CertificateType == certificateType)?.Policy
        ?? participant.SignaturePolicies.FirstOrDefault(p => p.CertificateType == 0)?.Policy
        ?? _options.DefaultPolicy;
}

internal static partial class SignatureLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Signature of {Sender} certificate {CertificateNumber}: {Verdict} ({Check}) {Reason}")]
    public static partial void Verified(ILogger logger, string sender, string certificateNumber, SignatureVerdict verdict, string check, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Signature verification of a document from {Sender} failed unexpectedly")]
    public static partial void Failed(ILogger logger, Exception exception, string sender);
}
