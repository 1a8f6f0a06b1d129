using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.Contracts;
using Hub.Tests.Contracts;
using Hub.Tests.Support;

namespace Hub.Tests.Samples;

/// <summary>
/// The files of samples/ as a user gets them from the repository: the raw SOAP requests of samples/soap (each says in
/// its leading comment which SOAPAction, endpoint and participant send it, which samples/send.sh reads too), the signed
/// sample documents and the sample signing certificate.
/// </summary>
internal static partial class SampleFiles
{
    /// <summary>What samples/send.sh replaces with its NUMBER argument.</summary>
    public const string Placeholder = "{{hubTrackingNumber}}";

    public const string SignedEPhyto = "ephyto-NL-2026-000001.signed.xml";
    public const string SignedCitesPermit = "cites-permit-NL-KE.signed.xml";

    /// <summary>The operations that answer "not available on this hub yet" today (README, "What works today").</summary>
    public static readonly IReadOnlyList<string> NotYetAvailable =
    [
        HubOperations.DeliverPhytoEnvelope, HubOperations.DeliverCountryResponseEnvelope, HubOperations.SetTrackingInfoUpdate,
        HubOperations.ValidatePhytoXML, HubOperations.GetAdditionalDeclarations, HubOperations.GetTreatmentTypes,
        HubOperations.GetIntendedUses, HubOperations.GetPesticides, HubOperations.GetProductDescriptions, HubOperations.GetUnitMeasures,
        HubOperations.GetMeanOfTransports, HubOperations.GetStatements, HubOperations.GetConditions, HubOperations.GetPackageTypes,
    ];

    public static string Folder => Path.Combine(ContractFiles.RepositoryRoot, "samples");

    public static string SoapFolder => Path.Combine(Folder, "soap");

    public static IReadOnlyList<string> SoapSampleNames =>
        Directory.GetFiles(SoapFolder, "*.xml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name), Encoding.UTF8);

    public static X509Certificate2 SampleSigningCertificate() =>
        X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Folder, "certs", "sample-signing.crt.pem"));

    /// <summary>
    /// A hub started as the README says (development setup), with the sample signing certificate registered for NL in
    /// its participants file, as samples/README.md tells a user to do.
    /// </summary>
    public static async Task<HubProcess> StartHubWithSampleSigningCertificateAsync()
    {
        var hub = await HubProcess.StartAsync();
        try
        {
            hub.Kill();
            var path = Path.Combine(hub.DataDirectory, "participants.json");
            var file = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
            var nl = file["participants"]!.AsArray().Single(p => (string?)p!["code"] == "NL")!;
            using var certificate = SampleSigningCertificate();
            nl["signingCertificates"]!.AsArray().Add(Convert.ToBase64String(certificate.RawData));
            await File.WriteAllTextAsync(path, file.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            await hub.RestartAsync();
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>A raw client for <paramref name="participant"/> on <paramref name="path"/> of the hub (e.g. /hub/VerificationService).</summary>
    public static SoapTestClient Client(HubProcess hub, string participant, string path) =>
        new(new Uri(hub.BaseAddress, path.TrimStart('/')), hub.ClientCertificate(participant), hub.CertificatePath("server", "crt.pem"));

    /// <summary>Posts a request as samples/send.sh does: SOAP 1.1, the SOAPAction header exactly as the sample states it.</summary>
    public static async Task<SoapAnswer> PostAsync(HubProcess hub, string participant, string path, string soapAction, string xml)
    {
        using var client = Client(hub, participant, path);
        return await client.PostRawAsync(Encoding.UTF8.GetBytes(xml), "text/xml; charset=utf-8", soapAction);
    }

    /// <summary>The "Name: value" lines of a sample's leading comment.</summary>
    [GeneratedRegex(@"^\s*(Operation|SOAPAction|Endpoint|Caller):\s*(\S.*?)\s*$", RegexOptions.Multiline)]
    public static partial Regex HeaderLine();
}

/// <summary>One request of samples/soap, with what its leading comment says about sending it.</summary>
internal sealed record SoapSample(string Name, string Operation, string SoapAction, string Endpoint, string Caller, string Text)
{
    public static SoapSample Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(SampleFiles.SoapFolder, name + ".xml"), Encoding.UTF8);
        var comment = text[..Math.Max(0, text.IndexOf("-->", StringComparison.Ordinal))];
        var fields = SampleFiles.HeaderLine().Matches(comment).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        string Field(string key) =>
            fields.TryGetValue(key, out var value) ? value : throw new AssertionException($"samples/soap/{name}.xml: its leading comment has no '{key}:' line.");
        return new SoapSample(name, Field("Operation"), Field("SOAPAction"), Field("Endpoint"), Field("Caller"), text);
    }

    public bool NeedsNumber => Text.Contains(SampleFiles.Placeholder, StringComparison.Ordinal);

    /// <summary>The request with the placeholder replaced (and, optionally, one more exact replacement that must occur once).</summary>
    public string With(string? number, (string Find, string Replace)? edit = null)
    {
        if (NeedsNumber && number is null) throw new AssertionException($"{Name} needs a hubTrackingNumber.");
        var text = number is null ? Text : Text.Replace(SampleFiles.Placeholder, number, StringComparison.Ordinal);
        if (edit is { } e)
        {
            var at = text.IndexOf(e.Find, StringComparison.Ordinal);
            Assert.That(at >= 0 && text.IndexOf(e.Find, at + 1, StringComparison.Ordinal) < 0, Is.True, $"'{e.Find}' must occur once in {Name}");
            text = string.Concat(text.AsSpan(0, at), e.Replace, text.AsSpan(at + e.Find.Length));
        }
        return text;
    }

    /// <summary>Sends the sample as samples/send.sh would (its Caller, Endpoint and SOAPAction).</summary>
    public Task<SoapAnswer> SendAsync(HubProcess hub, string? number = null, (string Find, string Replace)? edit = null) =>
        SampleFiles.PostAsync(hub, Caller, Endpoint, SoapAction, With(number, edit));
}
