using Hub.Contracts.Messages;
using Hub.Service.Delivery;
using Hub.Service.Identity;
using Hub.Service.Soap;

namespace Hub.Service.Operations;

internal sealed class DeliverEnvelopeHandler(CallerIdentity callers, EnvelopeDelivery delivery)
    : ISoapOperationHandler<DeliverEnvelopeRequest, DeliverEnvelopeResponse>
{
    public async Task<DeliverEnvelopeResponse> HandleAsync(DeliverEnvelopeRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        return new() { Result = await delivery.DeliverAsync(request.Env, caller, validateContent: false, ct) };
    }
}

internal sealed class ValidateAndDeliverEnvelopeHandler(CallerIdentity callers, EnvelopeDelivery delivery)
    : ISoapOperationHandler<ValidateAndDeliverEnvelopeRequest, ValidateAndDeliverEnvelopeResponse>
{
    public async Task<ValidateAndDeliverEnvelopeResponse> HandleAsync(
        ValidateAndDeliverEnvelopeRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        return new() { Result = await delivery.DeliverAsync(request.Envelope, caller, validateContent: true, ct) };
    }
}

internal sealed class GetEnvelopeTrackingInfoHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<GetEnvelopeTrackingInfoRequest, GetEnvelopeTrackingInfoResponse>
{
    public async Task<GetEnvelopeTrackingInfoResponse> HandleAsync(
        GetEnvelopeTrackingInfoRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        return new() { Result = await lifecycle.TrackAsync(request.HubTrackingNumber, caller, ct) };
    }
}

internal sealed class GetUnderDeliveryEnvelopeHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<GetUnderDeliveryEnvelopeRequest, GetUnderDeliveryEnvelopeResponse>
{
    public async Task<GetUnderDeliveryEnvelopeResponse> HandleAsync(
        GetUnderDeliveryEnvelopeRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        return new() { Result = await lifecycle.UnderDeliveryAsync(caller, ct) };
    }
}

internal sealed class GetImportEnvelopeHeadersHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<GetImportEnvelopeHeadersRequest, GetImportEnvelopeHeadersResponse>
{
    public async Task<GetImportEnvelopeHeadersResponse> HandleAsync(
        GetImportEnvelopeHeadersRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        return new() { Result = await lifecycle.ImportHeadersAsync(request.CountryCode, caller, ct) };
    }
}

internal sealed class PullSingleImportEnvelopeHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<PullSingleImportEnvelopeRequest, PullSingleImportEnvelopeResponse>
{
    public async Task<PullSingleImportEnvelopeResponse> HandleAsync(
        PullSingleImportEnvelopeRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        return new() { Result = await lifecycle.PullAsync(request.HubTrackingNumber, caller, ct) };
    }
}

internal sealed class PullImportEnvelopeHandler(CallerIdentity callers, EnvelopeLifecycle lifecycle)
    : ISoapOperationHandler<PullImportEnvelopeRequest, PullImportEnvelopeResponse>
{
    public async Task<PullImportEnvelopeResponse> HandleAsync(PullImportEnvelopeRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        return new() { Result = await lifecycle.PullAllAsync(caller, ct) };
    }
}
