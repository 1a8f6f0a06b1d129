using System.Globalization;
using Hub.Contracts.Entities;
using Hub.Data;

namespace Hub.Service.Delivery;

/// <summary>Stored envelopes to contract entities and back.</summary>
internal static class EnvelopeMapping
{
    public static EnvelopeHeader ToHeader(EnvelopeRow row) => Fill(new EnvelopeHeader(), row);

    public static Envelope ToEnvelope(EnvelopeRow row)
    {
        var envelope = Fill(new Envelope(), row);
        envelope.Content = row.Content;
        return envelope;
    }

    /// <summary>The answer to a refused delivery: the caller's fields echoed, FailedDelivery, the reason, no number.</summary>
    public static EnvelopeHeader Failed(EnvelopeHeader request, string reason) => new()
    {
        From = request.From ?? "",
        To = request.To ?? "",
        CertificateType = request.CertificateType ?? "0",
        CertificateStatus = request.CertificateStatus ?? "0",
        NPPOCertificateNumber = request.NPPOCertificateNumber ?? "",
        HubTrackingInfo = EnvelopeStatuses.FailedDelivery,
        HubDeliveryErrorMessage = reason,
    };

    /// <summary>What a caller who may not see an envelope (or asks for one that does not exist) gets: no hint of which.</summary>
    public static EnvelopeHeader NotExists(string? number) => new()
    {
        From = "",
        To = "",
        CertificateType = "0",
        CertificateStatus = "0",
        NPPOCertificateNumber = "",
        HubDeliveryNumber = number ?? "",
        HubTrackingInfo = "EnvelopeNotExists",
    };

    private static T Fill<T>(T header, EnvelopeRow row)
        where T : EnvelopeHeader
    {
        header.From = row.FromCode;
        header.To = row.ToCode;
        header.CertificateType = row.CertificateType.ToString(CultureInfo.InvariantCulture);
        header.CertificateStatus = row.CertificateStatus.ToString(CultureInfo.InvariantCulture);
        header.NPPOCertificateNumber = row.CertificateNumber;
        header.HubDeliveryNumber = row.DeliveryNumber;
        header.HubTrackingInfo = row.Status;
        header.HubDeliveryErrorMessage = row.ErrorMessage;
        return header;
    }
}
