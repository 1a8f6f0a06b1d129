using Dapper;
using Microsoft.Data.Sqlite;

namespace Hub.Data.Sqlite;

/// <summary>Participants in SQLite. See <see cref="IParticipantStore"/> for the contract of each method.</summary>
public sealed class SqliteParticipantStore : IParticipantStore
{
    private readonly SqliteConnectionFactory _connections;

    public SqliteParticipantStore(SqliteConnectionFactory connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
    }

    private const string UpsertParticipant = """
        INSERT INTO participants (code, name, active, can_send, can_receive)
        VALUES (@Code, @Name, @Active, @CanSend, @CanReceive)
        ON CONFLICT (code) DO UPDATE SET
            name = excluded.name, active = excluded.active, can_send = excluded.can_send, can_receive = excluded.can_receive;
        DELETE FROM participant_certificates WHERE participant_code = @Code;
        DELETE FROM allowed_documents WHERE participant_code = @Code;
        DELETE FROM participant_signing_certificates WHERE participant_code = @Code;
        DELETE FROM signature_policies WHERE participant_code = @Code;
        """;

    private const string InsertCertificate = """
        INSERT INTO participant_certificates (thumbprint, participant_code) VALUES (@Thumbprint, @Code);
        """;

    private const string InsertAllowedDocument = """
        INSERT INTO allowed_documents (participant_code, certificate_type, type_name, certificate_status, status_name, active)
        VALUES (@Code, @CertificateType, @TypeName, @CertificateStatus, @StatusName, @Active);
        """;

    private const string InsertSigningCertificate = """
        INSERT INTO participant_signing_certificates (participant_code, thumbprint, certificate)
        VALUES (@Code, @Thumbprint, @Certificate);
        """;

    private const string InsertSignaturePolicy = """
        INSERT INTO signature_policies (participant_code, certificate_type, policy) VALUES (@Code, @CertificateType, @Policy);
        """;

    private const string SelectCertificateOwner =
        "SELECT participant_code FROM participant_certificates WHERE thumbprint = @Thumbprint;";

    private const string RevokeOthers = """
        DELETE FROM participant_certificates WHERE participant_code NOT IN @Codes;
        UPDATE participants SET active = 0 WHERE code NOT IN @Codes;
        """;

    public Task UpsertAsync(IReadOnlyList<ParticipantRecord> participants, CancellationToken cancellationToken) =>
        WriteAsync(participants, revokeOthers: false, cancellationToken);

    public Task ReplaceAllAsync(IReadOnlyList<ParticipantRecord> participants, CancellationToken cancellationToken) =>
        WriteAsync(participants, revokeOthers: true, cancellationToken);

    private async Task WriteAsync(IReadOnlyList<ParticipantRecord> participants, bool revokeOthers, CancellationToken cancellationToken)
    {
        var batch = ParticipantRecordValidator.Normalize(participants);

        await _connections.RunAsync(async connection =>
        {
            await using var transaction = connection.BeginTransaction(deferred: false);

            // First clear the certificates of everyone named, so a certificate can move between two named participants.
            foreach (var participant in batch)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    UpsertParticipant,
                    new { participant.Code, participant.Name, participant.Active, participant.CanSend, participant.CanReceive },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            foreach (var participant in batch)
            {
                foreach (var thumbprint in participant.ClientCertificateThumbprints)
                {
                    try
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            InsertCertificate, new { Thumbprint = thumbprint, participant.Code }, transaction,
                            cancellationToken: cancellationToken));
                    }
                    catch (SqliteException exception)
                        when (StoreErrorClassifier.Classify(exception) == StoreErrorKind.UniqueViolation)
                    {
                        var owner = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                            SelectCertificateOwner, new { Thumbprint = thumbprint }, transaction,
                            cancellationToken: cancellationToken));
                        throw new ArgumentException(
                            $"Certificate {thumbprint} of '{participant.Code}' is already registered to '{owner}'; nothing was changed.",
                            nameof(participants),
                            exception);
                    }
                }

                foreach (var document in participant.AllowedDocuments)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        InsertAllowedDocument,
                        new
                        {
                            participant.Code,
                            document.CertificateType,
                            TypeName = document.CertificateTypeName,
                            document.CertificateStatus,
                            StatusName = document.CertificateStatusName,
                            document.Active,
                        },
                        transaction,
                        cancellationToken: cancellationToken));
                }

                // The validator has decoded and de-duplicated these; the same certificate may also belong to others.
                foreach (var certificate in participant.SigningCertificates)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        InsertSigningCertificate,
                        new
                        {
                            participant.Code,
                            Thumbprint = ParticipantRecordValidator.SigningCertificateThumbprint(certificate),
                            Certificate = certificate,
                        },
                        transaction,
                        cancellationToken: cancellationToken));
                }

                foreach (var policy in participant.SignaturePolicies)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        InsertSignaturePolicy, new { participant.Code, policy.CertificateType, policy.Policy }, transaction,
                        cancellationToken: cancellationToken));
                }
            }

            if (revokeOthers)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    RevokeOthers, new { Codes = batch.Select(p => p.Code).ToArray() }, transaction,
                    cancellationToken: cancellationToken));
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

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
