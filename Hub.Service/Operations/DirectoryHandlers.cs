using Hub.Contracts.Entities;
using Hub.Contracts.Messages;
using Hub.Data;
using Hub.Service.Identity;
using Hub.Service.Security;
using Hub.Service.Soap;

namespace Hub.Service.Operations;

internal sealed class GetActiveNpposHandler(CallerIdentity callers, IParticipantStore participants, SigningCertificates signing)
    : ISoapOperationHandler<GetActiveNpposRequest, GetActiveNpposResponse>
{
    public async Task<GetActiveNpposResponse> HandleAsync(GetActiveNpposRequest request, SoapContext context, CancellationToken ct)
    {
        await callers.ResolveAsync(context.HttpContext, ct);
        var all = await participants.ListAsync(ct);
        return new() { Result = all.Where(p => p.Active).Select(p => ParticipantMapping.ToNppo(p, signing)).ToList() };
    }
}

internal sealed class GetProfileHandler(CallerIdentity callers, SigningCertificates signing)
    : ISoapOperationHandler<GetProfileRequest, GetProfileResponse>
{
    public async Task<GetProfileResponse> HandleAsync(GetProfileRequest request, SoapContext context, CancellationToken ct) =>
        new() { Result = ParticipantMapping.ToNppo(await callers.ResolveAsync(context.HttpContext, ct), signing) };
}

/// <summary>The channels a participant can exchange with: every active participant, with whether it sends and receives.</summary>
internal sealed class GetAvailableChannelsHandler(CallerIdentity callers, IParticipantStore participants)
    : ISoapOperationHandler<GetAvailableChannelsRequest, GetAvailableChannelsResponse>
{
    public async Task<GetAvailableChannelsResponse> HandleAsync(
        GetAvailableChannelsRequest request, SoapContext context, CancellationToken ct)
    {
        await callers.ResolveAsync(context.HttpContext, ct);
        var all = await participants.ListAsync(ct);
        return new()
        {
            Result = all.Where(p => p.Active)
                .Select(p => new Channel { Code = p.Code, Name = p.Name, Receive = p.CanReceive, Send = p.CanSend })
                .ToList(),
        };
    }
}

internal static class ParticipantMapping
{
    public static Nppo ToNppo(ParticipantRecord participant, SigningCertificates signing) => new()
    {
        Country = participant.Code,
        Receive = participant.CanReceive ? "True" : "False",
        Send = participant.CanSend ? "True" : "False",
        AllowedDocuments = participant.AllowedDocuments
            .Select(d => new AllowedDocument
            {
                Active = d.Active,
                CertificateType = new CodeValue { Number = d.CertificateType, Value = d.CertificateTypeName },
                CertificateStatus = new CodeValue { Number = d.CertificateStatus, Value = d.CertificateStatusName },
            })
            .ToList(),
        Signature = signing.Published(participant, DateTime.Now) is { } published
            ? new SigningCertificate { Dn = published.Subject, Certificate = Convert.ToBase64String(published.RawData) }
            : null,
        ChannelRules = [],
    };
}
