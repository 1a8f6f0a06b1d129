namespace Hub.Service.Soap;

/// <summary>Who is at fault: the caller (Sender/Client) or the service (Receiver/Server); or a SOAP-level mismatch.</summary>
public enum SoapFaultCode
{
    Sender,
    Receiver,
    VersionMismatch,
    MustUnderstand,
}

/// <summary>A fault as a typed result: code, human-readable reason, optional detail object (serialized as XML).</summary>
public sealed record SoapFault(SoapFaultCode Code, string Reason, object? Detail = null);

/// <summary>Thrown by any stage or handler to answer with a SOAP fault in the request's SOAP version.</summary>
public sealed class SoapFaultException : Exception
{
    public SoapFaultException(SoapFault fault)
        : base(fault.Reason)
    {
        Fault = fault;
    }

    public SoapFaultException(SoapFaultCode code, string reason)
        : this(new SoapFault(code, reason))
    {
    }

    public SoapFault Fault { get; }
}
