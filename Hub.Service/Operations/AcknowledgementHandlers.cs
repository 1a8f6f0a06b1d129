using Hub.Contracts.Messages;
using Hub.Data;
using Hub.Service.Delivery;
using Hub.Service.Identity;
using Hub.Service.Soap;

namespace Hub.Service.Operations;

internal sealed class AcknowledgeEnvelopeReceiptHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<AcknowledgeEnvelopeReceiptRequest, AcknowledgeEnvelopeReceiptResponse>
{
    public async Task<AcknowledgeEnvelopeReceiptResponse> HandleAsync(
        AcknowledgeEnvelopeReceiptRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        await lifecycle.AcknowledgeAsync(request.HubTrackingNumber, caller, ct);
        return new();
    }
}

/// <summary>Receipt with warnings: DeliveredWithWarnings, the warning kept for the sender; returns the new state.</summary>
internal sealed class AdvancedAcknowledgeEnvelopeReceiptHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<AdvancedAcknowledgeEnvelopeReceiptRequest, AdvancedAcknowledgeEnvelopeReceiptResponse>
{
    public async Task<AdvancedAcknowledgeEnvelopeReceiptResponse> HandleAsync(
        AdvancedAcknowledgeEnvelopeReceiptRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        await lifecycle.AcknowledgeWithWarningsAsync(request.HubTrackingNumber, request.WarningMessage, caller, ct);
        return new() { Return = EnvelopeStatuses.DeliveredWithWarnings };
    }
}

/// <summary>Receipt of an unreadable envelope: DeliveredNotReadable, the message kept for the sender; returns the new state.</summary>
internal sealed class AcknowledgeFailedEnvelopeReceiptHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<AcknowledgeFailedEnvelopeReceiptRequest, AcknowledgeFailedEnvelopeReceiptResponse>
{
    public async Task<AcknowledgeFailedEnvelopeReceiptResponse> HandleAsync(
        AcknowledgeFailedEnvelopeReceiptRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        await lifecycle.AcknowledgeNotReadableAsync(request.HubTrackingNumber, request.Message, caller, ct);
        return new() { Return = EnvelopeStatuses.DeliveredNotReadable };
    }
}
