using Dapper;

namespace Hub.Data.Sqlite;

public sealed partial class SqliteParticipantStore
{
    // Each lookup reads the participant row, its certificates, its documents, its signing certificates and its
    // signature policies in one deferred (read) transaction: under WAL that is one consistent snapshot, even while an
    // upsert commits.

    private const string SelectByCertificate = """
        SELECT code AS Code, name AS Name, active AS Active, can_send AS CanSend, can_receive AS CanReceive
        FROM participants
        WHERE code = (SELECT participant_code FROM participant_certificates WHERE thumbprint = @Thumbprint);
        SELECT participant_code AS ParticipantCode, thumbprint AS Thumbprint
        FROM participant_certificates
        WHERE participant_code = (SELECT participant_code FROM participant_certificates WHERE thumbprint = @Thumbprint)
        ORDER BY thumbprint;
        SELECT participant_code AS ParticipantCode, certificate_type AS CertificateType, type_name AS TypeName,
               certificate_status AS CertificateStatus, status_name AS StatusName, active AS Active
        FROM allowed_documents
        WHERE participant_code = (SELECT participant_code FROM participant_certificates WHERE thumbprint = @Thumbprint)
        ORDER BY certificate_type, certificate_status;
        SELECT participant_code AS ParticipantCode, certificate AS Certificate
        FROM participant_signing_certificates
        WHERE participant_code = (SELECT participant_code FROM participant_certificates WHERE thumbprint = @Thumbprint)
        ORDER BY thumbprint;
        SELECT participant_code AS ParticipantCode, certificate_type AS CertificateType, policy AS Policy
        FROM signature_policies
        WHERE participant_code = (SELECT participant_code FROM participant_certificates WHERE thumbprint = @Thumbprint)
        ORDER BY certificate_type;
        """;

    public async Task<ParticipantRecord?> FindByCertificateAsync(string sha256Thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256Thumbprint);
        var found = await ReadAsync(SelectByCertificate, new { Thumbprint = sha256Thumbprint.ToUpperInvariant() }, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private const string SelectByCode = """
        SELECT code AS Code, name AS Name, active AS Active, can_send AS CanSend, can_receive AS CanReceive
        FROM participants
        WHERE code = @Code;
        SELECT participant_code AS ParticipantCode, thumbprint AS Thumbprint
        FROM participant_certificates
        WHERE participant_code = @Code
        ORDER BY thumbprint;
        SELECT participant_code AS ParticipantCode, certificate_type AS CertificateType, type_name AS TypeName,
               certificate_status AS CertificateStatus, status_name AS StatusName, active AS Active
        FROM allowed_documents
        WHERE participant_code = @Code
        ORDER BY certificate_type, certificate_status;
        SELECT participant_code AS ParticipantCode, certificate AS Certificate
        FROM participant_signing_certificates
        WHERE participant_code = @Code
        ORDER BY thumbprint;
        SELECT participant_code AS ParticipantCode, certificate_type AS CertificateType, policy AS Policy
        FROM signature_policies
        WHERE participant_code = @Code
        ORDER BY certificate_type;
        """;

    public async Task<ParticipantRecord?> FindAsync(string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var found = await ReadAsync(SelectByCode, new { Code = code }, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private const string SelectAll = """
        SELECT code AS Code, name AS Name, active AS Active, can_send AS CanSend, can_receive AS CanReceive
        FROM participants
        ORDER BY code;
        SELECT participant_code AS ParticipantCode, thumbprint AS Thumbprint
        FROM participant_certificates
        ORDER BY participant_code, thumbprint;
        SELECT participant_code AS ParticipantCode, certificate_type AS CertificateType, type_name AS TypeName,
               certificate_status AS CertificateStatus, status_name AS StatusName, active AS Active
        FROM allowed_documents
        ORDER BY participant_code, certificate_type, certificate_status;
        SELECT participant_code AS ParticipantCode, certificate AS Certificate
        FROM participant_signing_certificates
        ORDER BY participant_code, thumbprint;
        SELECT participant_code AS ParticipantCode, certificate_type AS CertificateType, policy AS Policy
        FROM signature_policies
        ORDER BY participant_code, certificate_type;
        """;

    public Task<IReadOnlyList<ParticipantRecord>> ListAsync(CancellationToken cancellationToken) =>
        ReadAsync(SelectAll, parameters: null, cancellationToken);

    /// <summary>
    /// Runs a five-result query (participants, client certificates, documents, signing certificates, signature
    /// policies) and assembles the records.
    /// </summary>
    private Task<IReadOnlyList<ParticipantRecord>> ReadAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        _connections.RunAsync<IReadOnlyList<ParticipantRecord>>(async connection =>
        {
            await using var transaction = connection.BeginTransaction(deferred: true);
            using var results = await connection.QueryMultipleAsync(
                new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            var participants = (await results.ReadAsync<ParticipantDto>()).ToList();
            var certificates = (await results.ReadAsync<CertificateDto>()).ToLookup(c => c.ParticipantCode, StringComparer.Ordinal);
            var documents = (await results.ReadAsync<AllowedDocumentDto>()).ToLookup(d => d.ParticipantCode, StringComparer.Ordinal);
            var signingCertificates =
                (await results.ReadAsync<SigningCertificateDto>()).ToLookup(c => c.ParticipantCode, StringComparer.Ordinal);
            var policies = (await results.ReadAsync<SignaturePolicyDto>()).ToLookup(p => p.ParticipantCode, StringComparer.Ordinal);

            return participants.ConvertAll(p => new ParticipantRecord
            {
                Code = p.Code,
                Name = p.Name,
                Active = p.Active != 0,
                CanSend = p.CanSend != 0,
                CanReceive = p.CanReceive != 0,
                ClientCertificateThumbprints = [.. certificates[p.Code].Select(c => c.Thumbprint)],
                AllowedDocuments =
                [
                    .. documents[p.Code].Select(d => new AllowedDocumentRecord(
                        checked((int)d.CertificateType), d.TypeName, checked((int)d.CertificateStatus), d.StatusName, d.Active != 0)),
                ],
                SigningCertificates = [.. signingCertificates[p.Code].Select(c => c.Certificate)],
                SignaturePolicies = [.. policies[p.Code].Select(s => new SignaturePolicyRecord(checked((int)s.CertificateType), s.Policy))],
            });
        }, cancellationToken);

    private sealed class ParticipantDto
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public long Active { get; set; }
        public long CanSend { get; set; }
        public long CanReceive { get; set; }
    }

    private sealed class CertificateDto
    {
        public string ParticipantCode { get; set; } = "";
        public string Thumbprint { get; set; } = "";
    }

    private sealed class AllowedDocumentDto
    {
        public string ParticipantCode { get; set; } = "";
        public long CertificateType { get; set; }
        public string? TypeName { get; set; }
        public long CertificateStatus { get; set; }
        public string? StatusName { get; set; }
        public long Active { get; set; }
    }

    private sealed class SigningCertificateDto
    {
        public string ParticipantCode { get; set; } = "";
        public string Certificate { get; set; } = "";
    }

    private sealed class SignaturePolicyDto
    {
        public string ParticipantCode { get; set; } = "";
        public long CertificateType { get; set; }
        public string Policy { get; set; } = "";
    }
}
