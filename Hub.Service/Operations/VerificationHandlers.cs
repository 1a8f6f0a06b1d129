using Hub.Contracts.Verification;
using Hub.Data;
using Hub.Service.Delivery;
using Hub.Service.Identity;
using Hub.Service.Soap;

namespace Hub.Service.Operations;

/// <summary>GetVerificationResult: the recorded signature verdict, for the envelope's sender or recipient only.</summary>
internal sealed class GetVerificationResultHandler(CallerIdentity callers, IEnvelopeStore envelopes)
    : ISoapOperationHandler<GetVerificationResultRequest, GetVerificationResultResponse>
{
    public async Task<GetVerificationResultResponse> HandleAsync(GetVerificationResultRequest request, SoapContext context, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(context.HttpContext, ct);
        var number = request.HubTrackingNumber;
        if (string.IsNullOrWhiteSpace(number)) throw new HubException("hubTrackingNumber is required.");
        var envelope = await envelopes.FindAsync(number, ct);
        if (envelope is null || (envelope.FromCode != caller.Code && envelope.ToCode != caller.Code))
            throw new HubException($"Envelope {EnvelopeDelivery.Shorten(number)} does not exist or is neither from nor to {caller.Code}.");
        var verdict = await envelopes.FindVerificationAsync(number, ct)
            ?? throw new HubException($"Envelope {envelope.DeliveryNumber} was stored without a signature verdict (delivered before verification existed).");
        return new()
        {
            Result = new VerificationResultEntity
            {
                HubDeliveryNumber = envelope.DeliveryNumber,
                Verdict = verdict.Verdict,
                Check = verdict.Check,
                Reason = verdict.Reason,
                SignerSubject = verdict.SignerSubject,
                SignerThumbprint = verdict.SignerThumbprint,
                CheckedAt = DateTime.SpecifyKind(verdict.CheckedUtc, DateTimeKind.Utc),
            },
        };
    }
}
