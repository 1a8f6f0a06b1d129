namespace Hub.Service.Security;

/// <summary>The outcome of verifying the signature of one document.</summary>
public enum SignatureVerdict
{
    /// <summary>Every check passed.</summary>
    Valid,

    /// <summary>A check failed; <see cref="VerificationResult.Check"/> names it and the reason says why.</summary>
    Invalid,

    /// <summary>The document carries no ds:Signature.</summary>
    Unsigned,

    /// <summary>The policy is off for this sender, recipient and kind: nothing was checked.</summary>
    NotChecked,
}

/// <summary>
/// A verdict with the check that decided it, a reason a person can act on, and, when the signer's certificate was
/// found, its subject and SHA-256 thumbprint.
/// </summary>
public sealed record VerificationResult(
    SignatureVerdict Verdict,
    string Check,
    string Reason,
    string? SignerSubject = null,
    string? SignerThumbprint = null)
{
    public static VerificationResult Unsigned() => new(SignatureVerdict.Unsigned, "signature-present", "The document carries no ds:Signature.");

    public static VerificationResult NotChecked() => new(SignatureVerdict.NotChecked, "policy", "Signature verification is off for this exchange.");

    public static VerificationResult Invalid(string check, string reason, string? subject = null, string? thumbprint = null) =>
        new(SignatureVerdict.Invalid, check, reason, subject, thumbprint);
}
