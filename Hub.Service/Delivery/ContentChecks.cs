using System.Text;
using System.Xml;

namespace Hub.Service.Delivery;

/// <summary>
/// What ValidateAndDeliverEnvelope checks of Content for now: that it is, or base64-decodes to, well-formed XML
/// (read safely: no DTD, no resolver).
/// </summary>
internal static class ContentChecks
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    /// <summary>Null when well-formed; otherwise the reason, for hubDeliveryErrorMessage.</summary>
    public static string? WellFormed(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return "Content is empty.";
        var text = content.TrimStart();
        if (!text.StartsWith('<') && TryBase64(text) is { } decoded) text = decoded;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), s_settings);
            while (reader.Read())
            {
            }
            return null;
        }
        catch (XmlException e)
        {
            return $"Content is not well-formed XML: {e.Message}";
        }
    }

    private static string? TryBase64(string text)
    {
        var buffer = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var length)) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
