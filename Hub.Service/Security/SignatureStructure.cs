using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Hub.Service.Security;

/// <summary>
/// The one shape of ds:Signature the hub accepts, read strictly: SignedInfo (CanonicalizationMethod, SignatureMethod,
/// Reference URI="" with [enveloped-signature (, C14N)] transforms, DigestMethod, DigestValue), SignatureValue, and
/// KeyInfo with the X509Certificate(s). Any other child, algorithm or attribute value ends the reading with a named
/// check and its reason in <see cref="Failure"/>.
/// </summary>
public sealed class SignatureStructure
{
    private const string Ds = EnvelopeSignatureVerifier.DsigNamespace;
    private const string ExcC14NNamespace = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /// <summary>One Reference, to the whole document: protocol.md section 4 allows no other shape, so this is not configurable.</summary>
    public const int MaxReferences = 1;

    private SignatureStructure()
    {
    }

    public VerificationResult? Failure { get; private set; }
    public XmlElement SignedInfo { get; private set; } = null!;
    public string CanonicalizationMethod { get; private set; } = "";
    public IReadOnlyList<string>? SignedInfoInclusivePrefixes { get; private set; }
    public string SignatureMethod { get; private set; } = "";
    public string ReferenceCanonicalization { get; private set; } = SignatureAlgorithms.C14N;
    public IReadOnlyList<string>? ReferenceInclusivePrefixes { get; private set; }
    public bool EnvelopedTransform { get; private set; }
    public string DigestMethod { get; private set; } = "";
    public byte[] DigestValue { get; private set; } = [];
    public byte[] SignatureValue { get; private set; } = [];
    /// <summary>The DER bytes of the embedded X509Certificate elements, in order (parsed only when needed).</summary>
    public IReadOnlyList<byte[]> Certificates { get; private set; } = [];
    public XmlElement? KeyValue { get; private set; }

    public static SignatureStructure Read(XmlElement signature, SignatureOptions options)
    {
        var s = new SignatureStructure();
        try
        {
            s.ReadSignature(signature, options);
        }
        catch (StructureException e)
        {
            s.Failure = VerificationResult.Invalid(e.Check, e.Message);
        }
        return s;
    }

    private void ReadSignature(XmlElement signature, SignatureOptions options)
    {
        var children = Elements(signature, "signature-structure");
        Expect(children, 0, "SignedInfo", "signature-structure");
        Expect(children, 1, "SignatureValue", "signature-structure");
        if (children.Count > 3 || (children.Count == 3 && children[2].LocalName != "KeyInfo"))
            Fail("signature-structure", "ds:Signature may contain only SignedInfo, SignatureValue and KeyInfo (no Object, no other element).");

        ReadSignedInfo(children[0], options);
        SignatureValue = Base64(children[1], "signature-value");
        if (children.Count < 3) Fail("key-info", "The signature has no KeyInfo: the signing certificate must be embedded as X509Data/X509Certificate.");
        ReadKeyInfo(children[2], options);
    }

    private void ReadSignedInfo(XmlElement signedInfo, SignatureOptions options)
    {
        SignedInfo = signedInfo;
        var children = Elements(signedInfo, "signed-info");
        Expect(children, 0, "CanonicalizationMethod", "signed-info");
        Expect(children, 1, "SignatureMethod", "signed-info");

        CanonicalizationMethod = Algorithm(children[0], SignatureAlgorithms.Canonicalizations, "canonicalization-method");
        SignedInfoInclusivePrefixes = InclusivePrefixes(children[0], CanonicalizationMethod, "canonicalization-method");
        SignatureMethod = Algorithm(children[1], SignatureAlgorithms.SignatureMethods.Keys.ToHashSet(), "signature-method");
        if (Elements(children[1], "signature-method").Count > 0)
            Fail("signature-method", "SignatureMethod must be empty (HMACOutputLength and other parameters are refused).");

        var references = children.Skip(2).ToList();
        if (references.Count == 0 || references.Any(r => !Is(r, "Reference")))
            Fail("references", "SignedInfo must contain Reference elements after SignatureMethod, and nothing else.");
        if (references.Count > MaxReferences)
            Fail("references", $"SignedInfo has {references.Count} references; exactly {MaxReferences} (the whole document, URI=\"\") is allowed (limit MaxReferences).");
        ReadReference(references[0], options);
    }

    private void ReadReference(XmlElement reference, SignatureOptions options)
    {
        var uri = reference.GetAttributeNode("URI");
        if (uri is null || uri.Value.Length != 0)
            Fail("reference-uri", $"The Reference must have URI=\"\" (the whole document); {(uri is null ? "it has no URI" : $"it has URI=\"{Shorten(uri.Value)}\"")}.");

        var children = Elements(reference, "reference");
        var index = 0;
        if (children.Count > 0 && Is(children[0], "Transforms"))
        {
            ReadTransforms(children[0], options);
            index = 1;
        }
        Expect(children, index, "DigestMethod", "digest-method");
        Expect(children, index + 1, "DigestValue", "digest-method");
        if (children.Count != index + 2) Fail("reference", "A Reference contains only Transforms, DigestMethod and DigestValue.");
        DigestMethod = Algorithm(children[index], SignatureAlgorithms.DigestMethods.Keys.ToHashSet(), "digest-method");
        DigestValue = Base64(children[index + 1], "digest-method");
    }

    private void ReadTransforms(XmlElement transforms, SignatureOptions options)
    {
        var list = Elements(transforms, "transforms");
        if (list.Any(t => !Is(t, "Transform"))) Fail("transforms", "Transforms may contain only Transform elements.");
        if (list.Count > options.MaxTransforms)
            Fail("transforms", $"The Reference has {list.Count} transforms; at most {options.MaxTransforms} allowed (limit MaxTransforms).");
        for (var i = 0; i < list.Count; i++)
        {
            var algorithm = Algorithm(list[i], SignatureAlgorithms.Transforms, "transforms");
            if (algorithm == SignatureAlgorithms.Enveloped)
            {
                if (i != 0) Fail("transforms", "The enveloped-signature transform must come first.");
                // No parameters. (xml-crypto writes a reference's InclusiveNamespaces into every transform; SignedXml refuses
                // that, so the hub does too: sign with the prefix list on SignedInfo's CanonicalizationMethod instead.)
                if (Elements(list[i], "transforms").Count > 0)
                    Fail("transforms", "The enveloped-signature transform takes no parameters (no InclusiveNamespaces there).");
                EnvelopedTransform = true;
            }
            else
            {
                if (i != list.Count - 1) Fail("transforms", "Only one canonicalization transform is allowed, after enveloped-signature.");
                ReferenceCanonicalization = algorithm;
                ReferenceInclusivePrefixes = InclusivePrefixes(list[i], algorithm, "transforms");
            }
        }
    }

    private void ReadKeyInfo(XmlElement keyInfo, SignatureOptions options)
    {
        var certificates = new List<byte[]>();
        foreach (var child in Elements(keyInfo, "key-info"))
        {
            if (Is(child, "X509Data"))
            {
                foreach (var item in Elements(child, "key-info"))
                {
                    if (Is(item, "X509Certificate"))
                    {
                        if (certificates.Count == options.MaxCertificateChain)
                            Fail("certificate-chain", $"KeyInfo carries more than {options.MaxCertificateChain} certificates (limit MaxCertificateChain).");
                        certificates.Add(Certificate(item));
                    }
                    else if (Is(item, "X509IssuerSerial"))
                    {
                        var serial = Elements(item, "key-info");
                        if (serial.Count != 2 || !Is(serial[0], "X509IssuerName") || !Is(serial[1], "X509SerialNumber"))
                            Fail("key-info", "X509IssuerSerial must hold X509IssuerName then X509SerialNumber.");
                    }
                    else if (!Is(item, "X509SubjectName") && !Is(item, "X509SKI"))
                        Fail("key-info", $"X509Data may not contain {item.LocalName}.");
                }
            }
            else if (Is(child, "KeyValue"))
            {
                // One KeyValue at most: with two, a check of one would leave the other (the one a lax reader takes) unchecked.
                if (KeyValue is not null) Fail("key-info", "KeyInfo may contain only one KeyValue.");
                KeyValue = child;
            }
            else if (!Is(child, "KeyName"))
                Fail("key-info", $"KeyInfo may not contain {child.LocalName} (the key is taken from the embedded certificate; no retrieval).");
        }
        if (certificates.Count == 0) Fail("key-info", "KeyInfo has no X509Certificate: the signing certificate must be embedded.");
        Certificates = certificates;
    }

    /// <summary>The DER bytes (a DER certificate starts with a SEQUENCE); parsing waits until one is known to matter.</summary>
    private static byte[] Certificate(XmlElement element)
    {
        try
        {
            var der = Convert.FromBase64String(element.InnerText.Trim());
            if (der.Length < 16 || der[0] != 0x30) throw new FormatException();
            return der;
        }
        catch (FormatException)
        {
            throw new StructureException("key-info", "An X509Certificate is not a base64 DER certificate.");
        }
    }

    private static IReadOnlyList<string>? InclusivePrefixes(XmlElement method, string algorithm, string check)
    {
        var parameters = Elements(method, check);
        if (parameters.Count == 0) return null;
        var exclusive = algorithm is SignatureAlgorithms.ExcC14N or SignatureAlgorithms.ExcC14NWithComments;
        if (!exclusive || parameters.Count > 1 || parameters[0].LocalName != "InclusiveNamespaces" || parameters[0].NamespaceURI != ExcC14NNamespace)
            Fail(check, "Only exclusive canonicalization takes a parameter, and only InclusiveNamespaces.");
        return parameters[0].GetAttribute("PrefixList").Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Algorithm(XmlElement element, IReadOnlySet<string> allowed, string check)
    {
        var algorithm = element.GetAttribute("Algorithm");
        if (!allowed.Contains(algorithm)) Fail(check, $"The algorithm '{Shorten(algorithm)}' is not allowed for {element.LocalName}.");
        return algorithm;
    }

    private static byte[] Base64(XmlElement element, string check)
    {
        try
        {
            return Convert.FromBase64String(element.InnerText.Trim());
        }
        catch (FormatException)
        {
            throw new StructureException(check, $"{element.LocalName} is not base64.");
        }
    }

    /// <summary>The element children (anything else but whitespace, comments and PIs is refused), all in the ds namespace.</summary>
    private static List<XmlElement> Elements(XmlElement parent, string check)
    {
        var elements = new List<XmlElement>();
        foreach (XmlNode node in parent.ChildNodes)
        {
            switch (node)
            {
                case XmlElement e when parent.LocalName is "Transform" or "CanonicalizationMethod" || e.NamespaceURI == Ds:
                    elements.Add(e);
                    break;
                case XmlElement e:
                    Fail(check, $"Unexpected element {{{e.NamespaceURI}}}{e.LocalName} in {parent.LocalName}.");
                    break;
                case XmlText t when !string.IsNullOrWhiteSpace(t.Value) && parent.LocalName is not ("SignatureValue" or "DigestValue" or "X509Certificate" or "X509SubjectName" or "KeyName" or "X509IssuerName" or "X509SerialNumber" or "Modulus" or "Exponent" or "X509SKI"):
                    Fail(check, $"Unexpected text in {parent.LocalName}.");
                    break;
            }
        }
        return elements;
    }

    private static void Expect(List<XmlElement> children, int index, string name, string check)
    {
        if (children.Count <= index || !Is(children[index], name))
            Fail(check, $"Expected ds:{name} as child {index + 1} of {children.FirstOrDefault()?.ParentNode?.LocalName ?? "its parent"}.");
    }

    private static bool Is(XmlElement element, string name) => element.LocalName == name && element.NamespaceURI == Ds;

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    private static void Fail(string check, string reason) => throw new StructureException(check, reason);

    private sealed class StructureException(string check, string message) : Exception(message)
    {
        public string Check { get; } = check;
    }
}
