using System.Collections.Frozen;
using System.Xml;

namespace Hub.Service.Soap;

/// <summary>One operation as dispatched: its body element, the actions that may name it, and how to invoke it.</summary>
internal sealed record SoapOperation(
    string Name,
    XmlQualifiedName RequestElement,
    FrozenSet<string> Actions,
    Type? RequestType,
    Func<IServiceProvider, object, SoapContext, CancellationToken, Task<object>>? Invoke)
{
    public bool IsAvailable => Invoke is not null;
}

/// <summary>
/// The immutable dispatch table (body element → operation), built once at startup. A body element registered twice,
/// or a handler type whose request/response has no [XmlRoot], fails startup rather than the first request.
/// </summary>
internal sealed class OperationTable
{
    private readonly FrozenDictionary<XmlQualifiedName, SoapOperation> _byElement;

    public OperationTable(SoapEndpointOptions options)
    {
        var operations = new Dictionary<XmlQualifiedName, SoapOperation>();
        foreach (var r in options.Registrations)
        {
            var op = new SoapOperation(r.Name, r.RequestElement, r.Actions.ToFrozenSet(StringComparer.Ordinal),
                r.RequestType, r.HandlerType is null ? null : BuildInvoker(r));
            if (!operations.TryAdd(r.RequestElement, op))
                throw new InvalidOperationException($"Two SOAP operations share the body element {r.RequestElement}.");
        }
        _byElement = operations.ToFrozenDictionary();
        BodyTypes = options.Registrations
            .SelectMany(r => new[] { r.RequestType, r.ResponseType })
            .OfType<Type>()
            .ToArray();
    }

    /// <summary>Every request and response type, for the serializer cache.</summary>
    public IReadOnlyList<Type> BodyTypes { get; }

    public SoapOperation? Resolve(XmlQualifiedName bodyElement) => _byElement.GetValueOrDefault(bodyElement);

    private static Func<IServiceProvider, object, SoapContext, CancellationToken, Task<object>> BuildInvoker(OperationRegistration r)
    {
        var method = typeof(OperationTable)
            .GetMethod(nameof(Invoke), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(r.RequestType!, r.ResponseType!, r.HandlerType!);
        return method.CreateDelegate<Func<IServiceProvider, object, SoapContext, CancellationToken, Task<object>>>();
    }

    private static async Task<object> Invoke<TRequest, TResponse, THandler>(
        IServiceProvider services, object request, SoapContext context, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
        where THandler : ISoapOperationHandler<TRequest, TResponse>
    {
        var handler = services.GetRequiredService<THandler>();
        return await handler.HandleAsync((TRequest)request, context, cancellationToken);
    }
}
