using System.Xml;

namespace Hub.Service.Security;

/// <summary>
/// The certificate or permit inside an envelope's Content, which senders put there as escaped XML, in CDATA (both
/// arrive as XML text) or base64-encoded: decoded and parsed safely (no DTD, no resolver, whitespace preserved, so the
/// verifier checks exactly what was signed).
/// </summary>
public static class ContentDocument
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        CheckCharacters = true,
    };

    /// <summary>The parsed document, or null with the reason when Content is neither XML nor base64 of XML.</summary>
    public static XmlDocument? TryParse(string? content, out string? reason)
    {
        reason = null;
        if (string.IsNullOrWhiteSpace(content))
        {
            reason = "Content is empty.";
            return null;
        }
        try
        {
            // Whitespace before the XML (a line break after <![CDATA[ is common) is not part of the document, and an
            // XML declaration must be its very first characters: parse from the first '<'.
            var trimmed = content.TrimStart();
            if (trimmed.Length > 0 && trimmed[0] == '<') return Load(XmlReader.Create(new StringReader(trimmed), s_settings));
            var bytes = TryBase64(content);
            if (bytes is null)
            {
                reason = "Content is neither XML nor base64-encoded XML.";
                return null;
            }
            return Load(XmlReader.Create(new MemoryStream(bytes), s_settings));
        }
        catch (XmlException e)
        {
            reason = e.Message.Contains("DTD is prohibited", StringComparison.Ordinal)
                ? "Content contains a DTD; DTDs and entity declarations are not allowed."
                : $"Content is not well-formed XML: {e.Message}";
            return null;
        }
    }

    private static XmlDocument Load(XmlReader reader)
    {
        using (reader)
        {
            var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            document.Load(reader);
            return document;
        }
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var length) ? buffer[..length] : null;
    }
}
