namespace Hub.Data.Sqlite;

/// <summary>The envelope queue in SQLite. See <see cref="IEnvelopeStore"/> for the contract of each method.</summary>
public sealed partial class SqliteEnvelopeStore : IEnvelopeStore
{
    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;

    public SqliteEnvelopeStore(SqliteConnectionFactory connections, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Every column but content, aliased to <see cref="EnvelopeRecord"/>.</summary>
    private const string HeaderColumns = """
        id AS Id, delivery_number AS DeliveryNumber, from_code AS FromCode, to_code AS ToCode,
        certificate_type AS CertificateType, certificate_status AS CertificateStatus,
        certificate_number AS CertificateNumber, status AS Status, error_message AS ErrorMessage,
        created_utc AS CreatedUtc, updated_utc AS UpdatedUtc
        """;

    /// <summary>A row as SQLite returns it (timestamps as text), mapped to <see cref="EnvelopeRow"/>.</summary>
    private sealed class EnvelopeRecord
    {
        public long Id { get; set; }
        public string DeliveryNumber { get; set; } = "";
        public string FromCode { get; set; } = "";
        public string ToCode { get; set; } = "";
        public long CertificateType { get; set; }
        public long CertificateStatus { get; set; }
        public string CertificateNumber { get; set; } = "";
        public string Status { get; set; } = "";
        public string? ErrorMessage { get; set; }
        public string CreatedUtc { get; set; } = "";
        public string? UpdatedUtc { get; set; }
        public string? Content { get; set; }

        public EnvelopeRow ToRow() => new()
        {
            Id = Id,
            DeliveryNumber = DeliveryNumber,
            FromCode = FromCode,
            ToCode = ToCode,
            CertificateType = checked((int)CertificateType),
            CertificateStatus = checked((int)CertificateStatus),
            CertificateNumber = CertificateNumber,
            Content = Content,
            Status = Status,
            ErrorMessage = ErrorMessage,
            CreatedUtc = SqliteTimestamps.FromText(CreatedUtc),
            UpdatedUtc = SqliteTimestamps.FromNullableText(UpdatedUtc),
        };
    }

    /// <summary>A verdict as SQLite returns it (the time as text), mapped to <see cref="EnvelopeVerification"/>.</summary>
    private sealed class VerificationRecord
    {
        public string Verdict { get; set; } = "";
        public string Check { get; set; } = "";
        public string Reason { get; set; } = "";
        public string? SignerSubject { get; set; }
        public string? SignerThumbprint { get; set; }
        public string CheckedUtc { get; set; } = "";

        public EnvelopeVerification ToVerification() => new(
            Verdict, Check, Reason, SignerSubject, SignerThumbprint, SqliteTimestamps.FromText(CheckedUtc));
    }
}
