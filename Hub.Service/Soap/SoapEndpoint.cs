using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.Net.Http.Headers;

namespace Hub.Service.Soap;

/// <summary>
/// The request pipeline: read (bounded) → scan envelope → resolve operation by body element → check action →
/// deserialize → invoke handler → write response; any failure → a fault in the request's SOAP version (HTTP 500).
/// </summary>
internal sealed class SoapEndpoint(
    SoapEndpointOptions options,
    OperationTable operations,
    SoapEnvelopeReader envelopeReader,
    SoapBodySerializer serializer,
    SoapEnvelopeWriter writer,
    ILogger<SoapEndpoint> logger)
{
    private const int InitialBufferBytes = 16 * 1024;
    private readonly SoapEndpointOptions _options = options;

    /// <summary>All stages of one endpoint, built now: a bad registration fails here, at startup.</summary>
    public static SoapEndpoint Create(SoapEndpointOptions options, ILogger<SoapEndpoint> logger)
    {
        var operations = new OperationTable(options);
        var types = operations.BodyTypes.ToList();
        if (options.FaultDetailFactory?.Invoke("") is { } detail) types.Add(detail.GetType());
        var serializer = new SoapBodySerializer(types, options.ResponsePrefixes);
        return new SoapEndpoint(options, operations, new SoapEnvelopeReader(options), serializer, new SoapEnvelopeWriter(serializer), logger);
    }

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var version = SoapVersion.Soap11;
        var operationName = "(unknown)";
        var bodyRead = false;
        try
        {
            var contentType = ParseContentType(http.Request.ContentType);
            version = SoapVersion.FromMediaType(contentType?.MediaType.Value)
                ?? throw new SoapFaultException(SoapFaultCode.Sender,
                    $"Unsupported Content-Type '{http.Request.ContentType}': send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2).");
            var action = ActionOf(http.Request, contentType, version);

            if (_options.AdmitCaller is { } admit) await admit(http, http.RequestAborted);
            var body = await ReadBodyAsync(http.Request, http.RequestAborted);
            bodyRead = true;
            var element = envelopeReader.Scan(body, version);
            var operation = operations.Resolve(element)
                ?? throw new SoapFaultException(SoapFaultCode.Sender,
                    $"Unknown operation: the body element '{{{element.Namespace}}}{element.Name}' is not an operation of this service.");
            operationName = operation.Name;
            if (!string.IsNullOrEmpty(action) && !operation.Actions.Contains(action))
                throw new SoapFaultException(SoapFaultCode.Sender,
                    $"The action '{action}' contradicts the body, which calls {operation.Name} (expected '{operation.Actions.First()}').");
            if (!operation.IsAvailable)
                throw new SoapFaultException(SoapFaultCode.Receiver,
                    $"The operation {operation.Name} is not available on this hub yet.");

            object request;
            using (var bodyReader = envelopeReader.OpenBody(body, version))
                request = serializer.Deserialize(operation.RequestType!, bodyReader, operation.Name);

            var context = new SoapContext(http, version, operation.Name, action);
            var response = await operation.Invoke!(http.RequestServices, request, context, http.RequestAborted);

            using var output = new MemoryStream();
            writer.WriteResponse(output, version, response);
            await WriteAsync(http, StatusCodes.Status200OK, version, output);
            SoapLog.Answered(logger, version.Name, operation.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (SoapFaultException e)
        {
            SoapLog.Faulted(logger, e.Fault.Code, http.Connection.RemoteIpAddress?.ToString(), e.Fault.Reason);
            // SOAP 1.2 appendix A: a version mismatch is answered in a SOAP 1.1 envelope, which both kinds of node read.
            if (e.Fault.Code == SoapFaultCode.VersionMismatch) version = SoapVersion.Soap11;
            await WriteFaultAsync(http, version, e.Fault, bodyRead);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nobody to answer.
        }
        catch (Exception e) when (MapException(e) is { } fault)
        {
            SoapLog.Faulted(logger, fault.Code, http.Connection.RemoteIpAddress?.ToString(), fault.Reason);
            await WriteFaultAsync(http, version, fault, bodyRead);
        }
        catch (Exception e)
        {
            SoapLog.Failed(logger, e, operationName);
            var reason = _options.IncludeExceptionDetailInFaults
                ? $"The service could not process {operationName}: {e}"
                : $"The service could not process {operationName}; the error was logged.";
            await WriteFaultAsync(http, version, new SoapFault(SoapFaultCode.Receiver, reason), bodyRead);
        }
    }

    private SoapFault? MapException(Exception e)
    {
        foreach (var map in _options.ExceptionMappers)
            if (map(e) is { } fault) return fault;
        return null;
    }

    private async Task WriteFaultAsync(HttpContext http, SoapVersion version, SoapFault fault, bool bodyRead)
    {
        if (http.Response.HasStarted) return;
        // Refused before its body was read (too large, wrong Content-Type): the server cannot drain a body beyond its
        // limit and closes the connection after answering; say so, or an HTTP/1.1 client reuses the connection for its
        // next request and that request fails.
        if (!bodyRead && (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol)))
            http.Response.Headers.Connection = "close";
        // A reason may quote the request (an XmlException message quotes the offending character): characters that XML
        // cannot carry would make the writer throw and the caller get no SOAP fault at all.
        fault = fault with { Reason = XmlSafe(fault.Reason) };
        if (fault.Detail is null && _options.FaultDetailFactory is { } factory)
            fault = fault with { Detail = factory(fault.Reason) };
        using var output = new MemoryStream();
        writer.WriteFault(output, version, fault);
        await WriteAsync(http, StatusCodes.Status500InternalServerError, version, output);
    }

    /// <summary>The text with every character XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/U+FFFF) written as \uXXXX.</summary>
    internal static string XmlSafe(string text)
    {
        var i = 0;
        while (i < text.Length && XmlConvert.IsXmlChar(text[i])) i++;
        if (i == text.Length) return text;
        var safe = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) safe.Append(c);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)) safe.Append(c).Append(text[++i]);
            else safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return safe.ToString();
    }

    private static async Task WriteAsync(HttpContext http, int status, SoapVersion version, MemoryStream output)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = version.ContentType;
        http.Response.ContentLength = output.Length;
        await http.Response.Body.WriteAsync(output.GetBuffer().AsMemory(0, (int)output.Length), http.RequestAborted);
    }

    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var max = _options.MaxRequestBytes;
        if (request.ContentLength > max) throw TooLarge(max);
        // The first buffer is small whatever Content-Length announces: memory follows the bytes actually received.
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? InitialBufferBytes, InitialBufferBytes) + 1);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.BodyReadTimeout);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(InitialBufferBytes);
                var read = await request.Body.ReadAsync(memory, deadline.Token);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > max) throw TooLarge(max);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SoapFaultException(SoapFaultCode.Sender,
                $"The request body was not received within {_options.BodyReadTimeout.TotalSeconds:0} seconds (limit BodyReadTimeout).");
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException)
        {
            // The client broke off or sent a malformed body: its fault, not the service's (and not an error to log).
            throw new SoapFaultException(SoapFaultCode.Sender, $"The request body could not be read: {e.Message}");
        }
        if (buffer.WrittenCount == 0) throw new SoapFaultException(SoapFaultCode.Sender, "The request body is empty.");
        return buffer.WrittenMemory;
    }

    private static SoapFaultException TooLarge(int max) =>
        new(SoapFaultCode.Sender, $"The request body is larger than {max} bytes (limit MaxRequestBytes).");

    private static MediaTypeHeaderValue? ParseContentType(string? value) =>
        MediaTypeHeaderValue.TryParse(value, out var parsed) ? parsed : null;

    /// <summary>SOAP 1.1: the SOAPAction header (quoted, unquoted or empty); SOAP 1.2: the Content-Type action parameter.</summary>
    private static string? ActionOf(HttpRequest request, MediaTypeHeaderValue? contentType, SoapVersion version)
    {
        string? raw = version == SoapVersion.Soap11
            ? request.Headers["SOAPAction"].ToString()
            : contentType?.Parameters.FirstOrDefault(p => p.Name.Equals("action", StringComparison.OrdinalIgnoreCase))?.Value.Value;
        if (raw is null) return null;
        raw = raw.Trim();
        if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"') raw = raw[1..^1];
        return raw;
    }
}
