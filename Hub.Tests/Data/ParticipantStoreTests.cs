using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

/// <summary>The <see cref="IParticipantStore"/> contract, run against each provider by a sealed fixture per provider.</summary>
public abstract partial class ParticipantStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    private static readonly string s_thumbprintA = new('A', 64);
    private static readonly string s_thumbprintB = new('B', 64);
    private static readonly string s_thumbprintC = new('C', 64);
    private static readonly string s_thumbprintD = new('D', 64);

    private TProvider? _provider;
    private IParticipantStore? _store;

    protected TProvider Provider => _provider ?? throw new InvalidOperationException("SetUp did not run.");

    protected IParticipantStore Store => _store ?? throw new InvalidOperationException("SetUp did not run.");

    [SetUp]
    public async Task CreateFreshDatabaseAsync()
    {
        _provider = new TProvider();
        await _provider.InitializeAsync(CancellationToken.None);
        _store = _provider.CreateParticipantStore();
    }

    [TearDown]
    public async Task DeleteDatabaseAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private static ParticipantRecord Participant(string code, params string[] thumbprints) => new()
    {
        Code = code,
        Name = $"NPPO {code}",
        ClientCertificateThumbprints = thumbprints,
        AllowedDocuments = [new AllowedDocumentRecord(851, "Phytosanitary certificate", 70, "Issued")],
    };
}
