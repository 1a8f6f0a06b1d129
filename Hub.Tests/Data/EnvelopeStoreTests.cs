using System.Text;
using Hub.Data;
using NUnit.Framework;

namespace Hub.Tests.Data;

/// <summary>The <see cref="IEnvelopeStore"/> contract, run against each provider by a sealed fixture per provider.</summary>
public abstract partial class EnvelopeStoreTests<TProvider>
    where TProvider : IStoreTestProvider, new()
{
    private TProvider? _provider;
    private IEnvelopeStore? _store;

    protected TProvider Provider => _provider ?? throw new InvalidOperationException("SetUp did not run.");

    protected IEnvelopeStore Store => _store ?? throw new InvalidOperationException("SetUp did not run.");

    [SetUp]
    public async Task CreateFreshDatabaseAsync()
    {
        _provider = new TProvider();
        await _provider.InitializeAsync(CancellationToken.None);
        _store = _provider.CreateEnvelopeStore();
    }

    [TearDown]
    public async Task DeleteDatabaseAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    protected static NewEnvelope Envelope(
        string from = "NL", string to = "KE", string certificateNumber = "NL-2024-0001", int status = 70,
        string? content = "<SPSCertificate/>", string? idempotencyKey = null) =>
        new(
            DeliveryNumber: Guid.NewGuid().ToString("N"),
            IdempotencyKey: idempotencyKey ?? Guid.NewGuid().ToString("N"),
            FromCode: from,
            ToCode: to,
            CertificateType: 851,
            CertificateStatus: status,
            CertificateNumber: certificateNumber,
            Content: content);

    protected async Task<EnvelopeRow> InsertAsync(NewEnvelope envelope) =>
        (await Store.InsertOrGetAsync(envelope, CancellationToken.None)).Envelope;

    protected async Task<EnvelopeRow> FindAsync(string deliveryNumber) =>
        await Store.FindAsync(deliveryNumber, CancellationToken.None)
        ?? throw new AssertionException($"Envelope {deliveryNumber} is not stored.");

    // Signature verdicts.

    protected static EnvelopeVerification Verdict(string verdict = "Valid", string check = "SignatureValue") => new(
        verdict,
        check,
        verdict == "Valid" ? "The signature is correct." : "The SignatureValue does not match.",
        "CN=NPPO NL signing 2025, O=NVWA, C=NL",
        new string('E', 64),
        new DateTime(2025, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc).AddTicks(8979));

    /// <summary>
    /// At least <paramref name="minimumUtf8Bytes"/> of text with non-ASCII (2-, 3- and 4-byte UTF-8), CR LF, lone CR
    /// and LF, a CDATA terminator, XML specials, a BOM in the middle and every C0 control character except NUL.
    /// </summary>
    protected static string AwkwardContent(int minimumUtf8Bytes)
    {
        var controls = new string([.. Enumerable.Range(1, 31).Select(c => (char)c)]);
        var chunk = "<Name>Grüße Ελληνικά Ћирилица 中文 日本語 🌿🍎</Name>\r\n<![CDATA[ a ]]> b ]]>\r c\n &amp; &lt; ' \" \uFEFF\u2028\u00A0"
            + controls + "\u007F\u0085";
        var builder = new StringBuilder();
        var bytes = 0;
        for (var i = 0; bytes < minimumUtf8Bytes; i++)
        {
            var line = $"{i:D6} {chunk}\r\n";
            builder.Append(line);
            bytes += Encoding.UTF8.GetByteCount(line);
        }

        return builder.ToString();
    }

    private Task<IReadOnlyList<EnvelopeRow>> ListForKenyaAsync() =>
        Store.ListPendingForRecipientAsync("KE", null, 100, includeContent: false, CancellationToken.None);
}
