using Hub.Data;

namespace Hub.Tests.Data;

/// <summary>
/// One database engine for the provider-independent store tests (Dapper's <c>TestBase&lt;TProvider&gt;</c> layout).
/// A provider instance serves one test: <see cref="InitializeAsync"/> creates a fresh, migrated database.
/// </summary>
public interface IStoreTestProvider : IAsyncDisposable
{
    Task InitializeAsync(CancellationToken cancellationToken);

    IEnvelopeStore CreateEnvelopeStore();

    IParticipantStore CreateParticipantStore();

    /// <summary>
    /// An envelope store over the same database through a new connection source that shares no connection with the
    /// stores created before: what a restarted process would see.
    /// </summary>
    IEnvelopeStore ReopenEnvelopeStore();
}
