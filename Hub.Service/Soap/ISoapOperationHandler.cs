namespace Hub.Service.Soap;

/// <summary>Handles one operation: a deserialized request in, a response to serialize out (or a <see cref="SoapFaultException"/>).</summary>
public interface ISoapOperationHandler<in TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    Task<TResponse> HandleAsync(TRequest request, SoapContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler knows of the call besides its body.</summary>
public sealed class SoapContext
{
    internal SoapContext(HttpContext httpContext, SoapVersion version, string operation, string? action)
    {
        HttpContext = httpContext;
        Version = version;
        Operation = operation;
        Action = action;
    }

    public HttpContext HttpContext { get; }
    public SoapVersion Version { get; }
    public string Operation { get; }

    /// <summary>The action the caller sent (SOAPAction header or SOAP 1.2 action parameter), unquoted; null if none.</summary>
    public string? Action { get; }
}
