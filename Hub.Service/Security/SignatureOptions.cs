namespace Hub.Service.Security;

/// <summary>
/// The limits of signature verification, each named and tested at N and N+1 (configuration section
/// <c>Hub:Signatures</c>). The algorithm allow-lists are not configurable: see <see cref="SignatureAlgorithms"/>.
/// </summary>
public sealed class SignatureOptions
{
    public const string Section = "Hub:Signatures";

    /// <summary>Largest ds:Signature element, in characters of its XML (default 64 Ki).</summary>
    public int MaxSignatureChars { get; set; } = 64 * 1024;

    /// <summary>Deepest element nesting in a signed document (default 128).</summary>
    public int MaxContentDepth { get; set; } = 128;

    /// <summary>Most elements in a signed document (default 500,000; a 1 MB ePhyto has about 40,000 nodes).</summary>
    public int MaxContentElements { get; set; } = 500_000;

    /// <summary>Most attributes (namespace declarations included) on one element of a signed document (default 256).</summary>
    public int MaxAttributesPerElement { get; set; } = 256;

    /// <summary>Most namespace declarations in a whole signed document (default 1,024).</summary>
    public int MaxNamespaceDeclarations { get; set; } = 1024;

    /// <summary>How far after the delivery a stated signing time may lie (clock skew; default 5 minutes).</summary>
    public TimeSpan MaxSigningTimeSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long before the delivery a stated signing time may lie (default 90 days): bounds back-dating with a retired key.</summary>
    public TimeSpan MaxSigningTimeAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most ds:Transform elements in the Reference (default 2: enveloped-signature and a canonicalization).</summary>
    public int MaxTransforms { get; set; } = 2;

    /// <summary>Most X509Certificate elements in KeyInfo: the signing certificate and its chain (default 4).</summary>
    public int MaxCertificateChain { get; set; } = 4;

    /// <summary>
    /// Check digests and signature values with the runtime's SignedXml instead of the hub's own canonicalizer (default
    /// false). Both reach the same verdicts (differential tests); SignedXml is several times slower.
    /// </summary>
    public bool UseReferenceImplementation { get; set; }

    /// <summary>Policy when neither the sender nor the recipient set one for the document kind (default verify-if-present).</summary>
    public string DefaultPolicy { get; set; } = SignaturePolicies.VerifyIfPresent;
}

/// <summary>Per participant and document kind: what a missing or failed signature means.</summary>
public static class SignaturePolicies
{
    /// <summary>A failed or missing signature is a FailedDelivery with the reason.</summary>
    public const string Required = "required";

    /// <summary>Verified when present; the envelope is delivered and the verdict recorded either way.</summary>
    public const string VerifyIfPresent = "verify-if-present";

    /// <summary>Not verified; the verdict recorded is "not checked".</summary>
    public const string Off = "off";

    public static readonly IReadOnlyList<string> All = [Off, VerifyIfPresent, Required];

    /// <summary>The stricter of two policies (off &lt; verify-if-present &lt; required).</summary>
    public static string Stricter(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string policy) => policy switch
    {
        Required => 2,
        VerifyIfPresent => 1,
        Off => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown signature policy"),
    };
}
