using System.Buffers;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace Hub.Service.Security.Canonicalization;

/// <summary>
/// The byte side of the canonicalizer: UTF-8 encoding with the C14N escapes, written into a buffer rented for one
/// call and handed on in blocks to an <see cref="IBufferWriter{T}"/> or straight into an <see cref="IncrementalHash"/>.
/// Nothing survives the call: the buffer is cleared when it goes back to the pool.
/// </summary>
internal sealed class CanonicalOutput : IDisposable
{
    private const int BufferSize = 16 * 1024;

    // C14N 1.0 section 2.3: text escapes & < > #xD; attribute values escape & < " #x9 #xA #xD.
    private static readonly SearchValues<char> s_textSpecials = SearchValues.Create("&<>\r");
    private static readonly SearchValues<char> s_attributeSpecials = SearchValues.Create("&<\"\t\n\r");

    private readonly IBufferWriter<byte>? _writer;
    private readonly IncrementalHash? _hash;
    private byte[] _buffer;
    private int _position;

    public CanonicalOutput(IBufferWriter<byte> writer) : this()
    {
        _writer = writer;
    }

    public CanonicalOutput(IncrementalHash hash) : this()
    {
        _hash = hash;
    }

    private CanonicalOutput()
    {
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>Bytes known to be ASCII markup (u8 literals).</summary>
    public void WriteLiteral(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _position)
        {
            Flush();
        }

        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        if (_position == _buffer.Length)
        {
            Flush();
        }

        _buffer[_position++] = value;
    }

    /// <summary>A name, comment or PI text: encoded as it is, no escaping.</summary>
    public void WriteRaw(string value) => WriteUtf8(value.AsSpan());

    /// <summary>Character content (text, CDATA, whitespace inside the document element).</summary>
    public void WriteText(string value) => WriteEscaped(value.AsSpan(), s_textSpecials);

    /// <summary>An attribute or namespace value, between quotes.</summary>
    public void WriteAttributeValue(string value) => WriteEscaped(value.AsSpan(), s_attributeSpecials);

    /// <summary>Hands every buffered byte on; call once at the end.</summary>
    public void Flush()
    {
        if (_position == 0)
        {
            return;
        }

        var written = _buffer.AsSpan(0, _position);
        if (_hash is not null)
        {
            _hash.AppendData(written);
        }
        else
        {
            _writer!.Write(written);
        }

        _position = 0;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private void WriteEscaped(ReadOnlySpan<char> value, SearchValues<char> specials)
    {
        while (true)
        {
            var next = value.IndexOfAny(specials);
            if (next < 0)
            {
                WriteUtf8(value);
                return;
            }

            WriteUtf8(value[..next]);
            WriteLiteral(Escape(value[next]));
            value = value[(next + 1)..];
        }
    }

    private static ReadOnlySpan<byte> Escape(char c) => c switch
    {
        '&' => "&amp;"u8,
        '<' => "&lt;"u8,
        '>' => "&gt;"u8,
        '"' => "&quot;"u8,
        '\t' => "&#x9;"u8,
        '\n' => "&#xA;"u8,
        '\r' => "&#xD;"u8,
        _ => throw new InvalidOperationException($"No C14N escape for U+{(int)c:X4}."),
    };

    private void WriteUtf8(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            var status = Utf8.FromUtf16(chars, _buffer.AsSpan(_position), out var read, out var written,
                replaceInvalidSequences: false, isFinalBlock: true);
            _position += written;
            chars = chars[read..];
            switch (status)
            {
                case System.Buffers.OperationStatus.Done:
                    return;
                case System.Buffers.OperationStatus.DestinationTooSmall:
                    Flush();
                    break;
                default:
                    // A lone surrogate cannot come out of the XML parser; replacing it (as UTF8Encoding does) would
                    // make two different documents canonicalize alike, so refuse instead.
                    throw new NotSupportedException("The document holds text that is not valid UTF-16 (a lone surrogate).");
            }
        }
    }
}
