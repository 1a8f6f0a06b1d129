using System.Security.Cryptography.X509Certificates;
using Hub.Contracts.Entities;
using Hub.Contracts.Messages;
using Hub.Data;
using Hub.Service.Identity;
using Hub.Service.Soap;

namespace Hub.Service.Operations;

internal sealed class GetActiveNpposHandler(CallerIdentity callers, IParticipantStore participants)
    : ISoapOperationHandler<GetActiveNpposRequest, GetActiveNpposResponse>
{
    public async Task<GetActiveNpposResponse> HandleAsync(GetActiveNpposRequest request, SoapContext context, CancellationToken ct)
    {
        await callers.ResolveAsync(context.HttpContext, ct);
        var all = await participants.ListAsync(ct);
        return new() { Result = all.Where(p => p.Active).Select(ParticipantMapping.ToNppo).ToList() };
    }
}

internal sealed class GetProfileHandler(CallerIdentity callers)
    : ISoapOperationHandler<GetProfileRequest, GetProfileResponse>
{
    public async Task<GetProfileResponse> HandleAsync(GetProfileRequest request, SoapContext context, CancellationToken ct) =>
        new() { Result = ParticipantMapping.ToNppo(await callers.ResolveAsync(context.HttpContext, ct)) };
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
    public static Nppo ToNppo(ParticipantRecord participant) => new()
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
        Signature = PublishedSignature(participant.SigningCertificates),
        ChannelRules = [],
    };

    /// <summary>
    /// The contract has room for one signing certificate per NPPO: the one valid now that expires last (during a
    /// rollover, the new one), else the first registered. Its dn and base64 DER, as the IPPC hub publishes them.
    /// </summary>
    private static SigningCertificate? PublishedSignature(IReadOnlyList<string> certificates)
    {
        var parsed = certificates
            .Select(base64 => (base64, certificate: X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64))))
            .ToList();
        if (parsed.Count == 0) return null;
        var now = DateTime.Now;
        var chosen = parsed
            .Where(p => p.certificate.NotBefore <= now && now <= p.certificate.NotAfter)
            .OrderByDescending(p => p.certificate.NotAfter)
            .Select(p => (p.base64, p.certificate))
            .DefaultIfEmpty(parsed[0])
            .First();
        var signature = new SigningCertificate { Dn = chosen.certificate.Subject, Certificate = chosen.base64 };
        foreach (var (_, certificate) in parsed) certificate.Dispose();
        return signature;
    }
}
