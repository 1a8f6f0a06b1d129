using System.Text;
using System.Xml;
using Hub.Service.Soap;

namespace Hub.Tests.Soap;

/// <summary>
/// The safe envelope reader on its own (no server): every limit exactly at N (accepted) and N+1 (refused), the SOAP
/// version check, the Envelope's shape (one optional Header, then one Body with exactly one element), DTDs refused,
/// and <see cref="SoapEnvelopeReader.OpenBody"/> positioned on the Body's element.
/// </summary>
[TestFixture]
public sealed partial class SoapEnvelopeReaderTests
{
    private const string S11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private const string S12 = "http://www.w3.org/2003/05/soap-envelope";
    private const string Tns = "http://ephyto.ippc.int/";
    private const string Other = "urn:test:other";

    private static SoapEnvelopeReader Reader(int maxDepth = 64, int maxElements = 20_000, int maxAttributeChars = 1024 * 1024) =>
        new(new SoapEndpointOptions { MaxDepth = maxDepth, MaxElements = maxElements, MaxAttributeChars = maxAttributeChars });

    private static ReadOnlyMemory<byte> Utf8(string xml) => Encoding.UTF8.GetBytes(xml);

    /// <summary>An envelope: optional Header content (null: no Header), then the Body content as given.</summary>
    private static string Envelope(string body, string? header = null, string ns = S11, string envelopeAttributes = "") =>
        $"<s:Envelope xmlns:s=\"{ns}\"{envelopeAttributes}>"
        + (header is null ? "" : $"<s:Header>{header}</s:Header>")
        + $"<s:Body>{body}</s:Body></s:Envelope>";

    private static string Operation(string content = "") => $"<t:GetProfile xmlns:t=\"{Tns}\">{content}</t:GetProfile>";

    private static XmlQualifiedName Scan(string xml, SoapVersion? version = null, SoapEnvelopeReader? reader = null) =>
        (reader ?? Reader()).Scan(Utf8(xml), version ?? SoapVersion.Soap11);

    private static SoapFault Refused(string xml, SoapVersion? version = null, SoapEnvelopeReader? reader = null) =>
        Refused(Utf8(xml), version, reader);

    private static SoapFault Refused(ReadOnlyMemory<byte> bytes, SoapVersion? version = null, SoapEnvelopeReader? reader = null)
    {
        var e = Assert.Throws<SoapFaultException>(() => (reader ?? Reader()).Scan(bytes, version ?? SoapVersion.Soap11));
        return e!.Fault;
    }

    /// <summary>k elements nested in one another: &lt;x:n&gt;&lt;x:n&gt;...&lt;/x:n&gt;&lt;/x:n&gt;.</summary>
    private static string Nested(int k) =>
        string.Concat(Enumerable.Repeat($"<x:n xmlns:x=\"{Other}\">", k)) + string.Concat(Enumerable.Repeat("</x:n>", k));

    /// <summary>k sibling elements.</summary>
    private static string Siblings(int k) => string.Concat(Enumerable.Repeat($"<x:i xmlns:x=\"{Other}\"/>", k));
}
