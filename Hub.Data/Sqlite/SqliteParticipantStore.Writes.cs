using Dapper;
using Microsoft.Data.Sqlite;

namespace Hub.Data.Sqlite;

public sealed partial class SqliteParticipantStore
{
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
}
