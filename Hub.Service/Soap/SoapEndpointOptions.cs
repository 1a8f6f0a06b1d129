using System.Xml;

namespace Hub.Service.Soap;

/// <summary>
/// The limits of the SOAP endpoint, with safe defaults, and its operations. Bound from configuration section
/// <c>Hub:Soap</c> (limits only); operations are registered in code.
/// </summary>
public sealed class SoapEndpointOptions
{
    /// <summary>Largest request body accepted, in bytes (default 10 MiB). Larger: a Sender fault, nothing read further.</summary>
    public int MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Deepest element nesting accepted in a request, counting the SOAP Envelope as 1 (default 64).</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>Most elements accepted in one request (default 20,000).</summary>
    public int MaxElements { get; set; } = 20_000;

    /// <summary>Longest attribute value or element name accepted, in characters (default 1 MiB; Content is text, not an attribute).</summary>
    public int MaxAttributeChars { get; set; } = 1024 * 1024;

    /// <summary>Longest time allowed to receive a request body (default 60 s); a slower client gets a fault.</summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs before the request body is read (e.g. to identify the caller by its TLS client certificate); throw to refuse.
    /// A refused caller costs no body buffering.
    /// </summary>
    public Func<HttpContext, CancellationToken, Task>? AdmitCaller { get; set; }

    /// <summary>Put exception details in Receiver faults (default off: they may reveal internals).</summary>
    public bool IncludeExceptionDetailInFaults { get; set; }

    /// <summary>Builds the detail of every fault from its reason (e.g. the service's own exception type), or null for none.</summary>
    public Func<string, object?>? FaultDetailFactory { get; set; }

    /// <summary>
    /// Maps exceptions of the service (e.g. its domain errors) to faults; return null for "not mine". Anything not
    /// mapped is a Receiver fault without detail.
    /// </summary>
    public List<Func<Exception, SoapFault?>> ExceptionMappers { get; } = [];

    /// <summary>Prefixes used for namespaces in responses (namespace → prefix); purely cosmetic.</summary>
    public Dictionary<string, string> ResponsePrefixes { get; } = [];

    internal List<OperationRegistration> Registrations { get; } = [];

    /// <summary>
    /// Maps an operation to a handler. Its body element is <typeparamref name="TRequest"/>'s [XmlRoot] (required);
    /// <paramref name="actions"/> are the SOAPAction values that may name it (the body decides, the action must agree).
    /// </summary>
    public SoapEndpointOptions Map<TRequest, TResponse, THandler>(params string[] actions)
        where TRequest : class
        where TResponse : class
        where THandler : ISoapOperationHandler<TRequest, TResponse>
    {
        var request = SoapBodySerializer.RootOf(typeof(TRequest));
        SoapBodySerializer.RootOf(typeof(TResponse));
        Registrations.Add(new OperationRegistration(
            request.Name, request, actions, typeof(TRequest), typeof(TResponse), typeof(THandler)));
        return this;
    }

    /// <summary>Declares an operation of the contract that this endpoint does not implement: it answers a fault saying so.</summary>
    public SoapEndpointOptions MapUnavailable(string name, XmlQualifiedName requestElement, params string[] actions)
    {
        Registrations.Add(new OperationRegistration(name, requestElement, actions, null, null, null));
        return this;
    }
}

internal sealed record OperationRegistration(
    string Name,
    XmlQualifiedName RequestElement,
    IReadOnlyList<string> Actions,
    Type? RequestType,
    Type? ResponseType,
    Type? HandlerType);
