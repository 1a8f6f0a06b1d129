namespace Hub.Service.Soap;

/// <summary>Source-generated log messages of the SOAP layer. Bodies are never logged.</summary>
internal static partial class SoapLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "SOAP {Version} {Operation} answered in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string version, string operation, double elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "SOAP fault {Code} to {Remote}: {Reason}")]
    public static partial void Faulted(ILogger logger, SoapFaultCode code, string? remote, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "SOAP operation {Operation} failed unexpectedly")]
    public static partial void Failed(ILogger logger, Exception exception, string operation);
}
