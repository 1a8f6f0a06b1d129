using System.Xml;

namespace Hub.Service.Soap;

/// <summary>
/// Reads a request envelope safely: no DTD, no resolver, bounded depth, element count and attribute size.
/// <see cref="Scan"/> checks the whole document and finds the Body's single element; <see cref="OpenBody"/> returns a
/// reader positioned on that element for deserialization.
/// </summary>
internal sealed class SoapEnvelopeReader(SoapEndpointOptions options)
{
    private readonly XmlReaderSettings _settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreProcessingInstructions = true,
        IgnoreComments = true,
        CheckCharacters = true,
        CloseInput = false,
        MaxCharactersInDocument = options.MaxRequestBytes,
    };

    /// <summary>Checks the whole request and returns the qualified name of the Body's element.</summary>
    public XmlQualifiedName Scan(ReadOnlyMemory<byte> body, SoapVersion version)
    {
        try
        {
            using var reader = Create(body);
            return ScanEnvelope(reader, version);
        }
        // XmlReader's own message for a DOCTYPE under DtdProcessing.Prohibit ("For security reasons DTD is prohibited in
        // this XML document..."); matching only "DTD" would also catch e.g. a mismatched tag named DTD.
        catch (XmlException e) when (e.Message.Contains("DTD is prohibited", StringComparison.Ordinal))
        {
            throw Sender("The request contains a document type declaration (DTD); DTDs and entity declarations are not allowed.");
        }
        catch (XmlException e)
        {
            throw Sender($"The request is not well-formed XML: {e.Message}");
        }
    }

    /// <summary>A reader positioned on the Body's element (the document was checked by <see cref="Scan"/>).</summary>
    public XmlReader OpenBody(ReadOnlyMemory<byte> body, SoapVersion version)
    {
        var reader = Create(body);
        reader.MoveToContent();
        reader.ReadStartElement("Envelope", version.EnvelopeNamespace);
        while (!(reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && IsSoap(reader, "Body", version)))
            if (!reader.Read()) throw Sender("The SOAP Body is missing.");
        // Skip to the element (Scan allowed only whitespace, comments and processing instructions before it; MoveToContent
        // would stop on a long whitespace run, which XmlReader reports as Text).
        while (reader.Read() && reader.NodeType != XmlNodeType.Element)
        {
        }
        if (reader.NodeType != XmlNodeType.Element) throw Sender("The SOAP Body is empty: it must contain the operation's element.");
        return reader;
    }

    private XmlReader Create(ReadOnlyMemory<byte> body) =>
        XmlReader.Create(new ReadOnlyMemoryStream(body), _settings);

    private XmlQualifiedName ScanEnvelope(XmlReader reader, SoapVersion version)
    {
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Envelope")
            throw Sender("The request is not a SOAP envelope: its root element must be Envelope.");
        if (reader.NamespaceURI != version.EnvelopeNamespace)
        {
            var other = version == SoapVersion.Soap11 ? SoapVersion.Soap12 : SoapVersion.Soap11;
            if (reader.NamespaceURI == other.EnvelopeNamespace)
                throw new SoapFaultException(SoapFaultCode.VersionMismatch,
                    $"The envelope is {other} but the request was sent as {version} (Content-Type {version.MediaType}).");
            throw Sender($"The envelope namespace '{reader.NamespaceURI}' is not the {version} namespace '{version.EnvelopeNamespace}'.");
        }

        // The Envelope is an element like any other: it counts towards MaxElements and its attributes (namespace
        // declarations included) towards MaxAttributeChars.
        int elements = 0;
        CheckElement(reader, ref elements);

        XmlQualifiedName? bodyElement = null;
        bool seenBody = false, inBody = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1 && inBody)
            {
                inBody = false;
                continue;
            }
            // XmlReader reports a whitespace run longer than its buffer (about 4K characters) as Text, not Whitespace:
            // whitespace is allowed there however long it is.
            if (reader.Depth <= 2
                && (reader.NodeType == XmlNodeType.CDATA || reader.NodeType == XmlNodeType.Text && !IsXmlWhitespace(reader.Value)))
                throw Sender("Text is not allowed directly inside the SOAP Envelope or Body.");
            if (reader.NodeType != XmlNodeType.Element) continue;

            CheckElement(reader, ref elements);

            if (reader.Depth == 1)
            {
                // elements == 2: the Envelope, then the Header as its first child.
                if (IsSoap(reader, "Header", version) && !seenBody && elements == 2) continue;
                if (IsSoap(reader, "Body", version) && !seenBody)
                {
                    seenBody = true;
                    inBody = !reader.IsEmptyElement;
                    continue;
                }
                throw Sender($"Unexpected element '{reader.Name}' in the SOAP Envelope: only one Header then one Body are allowed.");
            }
            if (reader.Depth == 2 && inBody)
            {
                if (bodyElement is not null)
                    throw Sender("The SOAP Body must contain exactly one element.");
                bodyElement = new XmlQualifiedName(reader.LocalName, reader.NamespaceURI);
            }
            else if (reader.Depth == 2 && !seenBody)
            {
                CheckHeaderBlock(reader, version);
            }
        }
        if (!seenBody) throw Sender("The SOAP Body is missing.");
        return bodyElement ?? throw Sender("The SOAP Body is empty: it must contain the operation's element.");
    }

    /// <summary>The limits every element is held to: count, depth (the Envelope is level 1), name and attribute sizes.</summary>
    private void CheckElement(XmlReader reader, ref int elements)
    {
        if (++elements > options.MaxElements)
            throw Sender($"The request has more than {options.MaxElements} elements (limit MaxElements).");
        if (reader.Depth + 1 > options.MaxDepth)
            throw Sender($"The request nests elements deeper than {options.MaxDepth} levels (limit MaxDepth).");
        CheckAttributes(reader);
    }

    private void CheckAttributes(XmlReader reader)
    {
        if (reader.LocalName.Length > options.MaxAttributeChars)
            throw Sender($"An element name is longer than {options.MaxAttributeChars} characters (limit MaxAttributeChars).");
        if (!reader.HasAttributes) return;
        while (reader.MoveToNextAttribute())
        {
            if (reader.Value.Length > options.MaxAttributeChars)
                throw Sender($"An attribute is longer than {options.MaxAttributeChars} characters (limit MaxAttributeChars).");
        }
        reader.MoveToElement();
    }

    private static void CheckHeaderBlock(XmlReader reader, SoapVersion version)
    {
        var mustUnderstand = reader.GetAttribute("mustUnderstand", version.EnvelopeNamespace);
        if (mustUnderstand is "1" or "true")
            throw new SoapFaultException(SoapFaultCode.MustUnderstand,
                $"The header '{{{reader.NamespaceURI}}}{reader.LocalName}' must be understood but this service does not process it.");
    }

    private static bool IsXmlWhitespace(string text) => text.AsSpan().IndexOfAnyExcept(" \t\r\n") < 0;

    private static bool IsSoap(XmlReader reader, string localName, SoapVersion version) =>
        reader.LocalName == localName && reader.NamespaceURI == version.EnvelopeNamespace;

    private static SoapFaultException Sender(string reason) => new(SoapFaultCode.Sender, reason);
}

/// <summary>A read-only stream over memory, so a request buffer can be read twice without copying.</summary>
internal sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => memory.Length;

    public override long Position
    {
        get => _position;
        set => _position = (int)Math.Clamp(value, 0, memory.Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, memory.Length - _position);
        memory.Span.Slice(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => memory.Length + offset,
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
