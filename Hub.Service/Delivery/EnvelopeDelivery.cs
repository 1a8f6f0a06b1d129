using System.Xml;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.Entities;
using Hub.Data;
using Hub.Service.Security;
using Microsoft.Extensions.Options;

namespace Hub.Service.Delivery;

/// <summary>
/// DeliverEnvelope and ValidateAndDeliverEnvelope: header checks (a refusal is a FailedDelivery outcome, nothing is
/// stored), then an idempotent, durable insert; status 40 withdraws the pending envelopes of the same certificate.
/// </summary>
public sealed class EnvelopeDelivery(
    IEnvelopeStore envelopes, IParticipantStore participants, SignatureGate signatures, IOptions<HubOptions> options)
{
    public const int WithdrawalStatus = 40;
    private readonly HubOptions _options = options.Value;

    public async Task<EnvelopeHeader> DeliverAsync(
        Envelope? envelope, ParticipantRecord caller, bool validateContent, CancellationToken cancellationToken)
    {
        var header = RequireStructure(envelope);
        var type = ParseInt(header.CertificateType!, "CertificateType");
        var status = ParseInt(header.CertificateStatus!, "CertificateStatus");

        // An exact resend gets the first delivery's header, even if the rules changed since (e.g. the recipient was
        // deactivated): the first copy is queued, and the sender must not read the resend's answer as a loss.
        var key = IdempotencyKey(header, type, status);
        if (header.From == caller.Code && await envelopes.FindByIdempotencyKeyAsync(key, cancellationToken) is { } earlier)
            return EnvelopeMapping.ToHeader(earlier);

        var (recipient, refusal) = await CheckHeaderAsync(header, caller, type, status, cancellationToken);
        if (refusal is not null) return EnvelopeMapping.Failed(header, refusal);

        // ValidateAndDeliverEnvelope: Content must be XML (raw or base64); the document read here is the one verified.
        var withDocument = !(status == WithdrawalStatus && string.IsNullOrEmpty(header.Content));
        XmlDocument? document = null;
        if (withDocument && validateContent)
        {
            document = ContentDocument.TryParse(header.Content, out var unreadable);
            if (document is null) return EnvelopeMapping.Failed(header, unreadable!);
        }

        var (verdict, signatureRefusal) = signatures.Evaluate(
            withDocument ? header.Content : null, document, type, caller, recipient!, header.NPPOCertificateNumber!);
        if (signatureRefusal is not null) return EnvelopeMapping.Failed(header, signatureRefusal);

        var stored = await envelopes.InsertOrGetAsync(
            new NewEnvelope(
                DeliveryNumbers.Next(),
                key,
                header.From!, header.To!, type, status, header.NPPOCertificateNumber!, header.Content,
                WithdrawsPending: status == WithdrawalStatus,
                WithdrawalMessage: $"Withdrawn by the sender (status {WithdrawalStatus})",
                Verification: verdict),
            cancellationToken);
        return EnvelopeMapping.ToHeader(stored.Envelope);
    }

    /// <summary>Elements the schema requires: their absence (or a non-number) is a malformed request, hence a fault.</summary>
    private static Envelope RequireStructure(Envelope? envelope)
    {
        if (envelope is null) throw new HubException("The request has no envelope (element env or envelope is required).");
        foreach (var (name, value) in new[]
        {
            ("From", envelope.From), ("To", envelope.To), ("CertificateType", envelope.CertificateType),
            ("CertificateStatus", envelope.CertificateStatus), ("NPPOCertificateNumber", envelope.NPPOCertificateNumber),
        })
        {
            if (value is null)
                throw new HubException($"The envelope has no {name} element (namespace http://ephyto.ippc.int/HUB.Entities); it is required.");
        }
        return envelope;
    }

    private static int ParseInt(string value, string name) =>
        int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new HubException($"{name} must be an integer, not '{Shorten(value)}'.");

    /// <summary>
    /// The header problems that make a delivery fail (the protocol's delivery outcomes), or the recipient when it may go.
    /// </summary>
    private async Task<(ParticipantRecord? Recipient, string? Refusal)> CheckHeaderAsync(
        Envelope header, ParticipantRecord caller, int type, int status, CancellationToken cancellationToken)
    {
        if (header.From!.Length == 0) return (null, "From is empty.");
        if (header.From != caller.Code)
            return (null, $"From '{Shorten(header.From)}' is not the sender's connection code: the client certificate belongs to {caller.Code}.");
        if (!caller.CanSend) return (null, $"{caller.Code} is not allowed to send documents.");
        if (header.To!.Length == 0) return (null, "To is empty.");
        if (header.NPPOCertificateNumber!.Trim().Length == 0) return (null, "NPPOCertificateNumber is empty.");
        if (header.NPPOCertificateNumber.Length > _options.MaxCertificateNumberLength)
            return (null, $"NPPOCertificateNumber is longer than {_options.MaxCertificateNumberLength} characters.");
        if (header.Forwardings is { Count: > 0 })
            return (null, "Forwardings are not available on this hub yet: send one envelope per recipient.");
        if (string.IsNullOrEmpty(header.Content) && status != WithdrawalStatus) return (null, "Content is empty.");

        var recipient = await participants.FindAsync(header.To, cancellationToken);
        if (recipient is null || !recipient.Active)
            return (null, $"The recipient '{Shorten(header.To)}' is not an active participant of this hub.");
        if (!recipient.CanReceive) return (null, $"{recipient.Code} does not receive documents.");
        if (!recipient.AllowedDocuments.Any(d => d.Active && d.CertificateType == type && d.CertificateStatus == status))
            return (null, $"{recipient.Code} does not receive documents of CertificateType {type} with CertificateStatus {status}.");
        return (recipient, null);
    }

    /// <summary>Same From, To, type, status, certificate number and Content → same key (an exact resend).</summary>
    private static string IdempotencyKey(Envelope header, int type, int status)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[4];
        foreach (var part in new[] { header.From!, header.To!, header.NPPOCertificateNumber!, header.Content ?? "" })
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteInt32BigEndian(number, bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
        }
        BinaryPrimitives.WriteInt32BigEndian(number, type);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt32BigEndian(number, status);
        hash.AppendData(number);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    internal static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}

/// <summary>Delivery numbers: 128 random bits as lower-case hex, unique, not guessable, safe in a URL.</summary>
public static class DeliveryNumbers
{
    public static string Next() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
