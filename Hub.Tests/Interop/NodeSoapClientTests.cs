using Hub.Tests.Support;
using static Hub.Tests.Interop.ClientRuns;
using NUnit.Framework;

namespace Hub.Tests.Interop;

/// <summary>
/// node-soap (npm "soap", pinned by Clients/nodesoap/package-lock.json), the SOAP client of Node.js national systems,
/// built at run time from the IPPC reference WSDL (only the endpoint address and the client certificates changed) and
/// from the WSDL our hub serves, runs the full exchange of Clients/nodesoap/exchange.js (the same steps as the zeep
/// client) against the real hub process over mutual TLS, in SOAP 1.1 and in SOAP 1.2 (forceSoap12Headers: the SOAP 1.2
/// envelope and application/soap+xml with the action parameter, over the WSDL's SOAP 1.1 binding).
/// The packages come from node_modules beside the script in the test output (copied there when `npm ci` ran in the
/// source folder, as .ci/run does), or from `npm ci` run there once per test run.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NodeSoapClientTests
{
    private const string Folder = "nodesoap";

    /// <summary>soap 1.13 declares engines.node &gt;=20.19.0.</summary>
    private static readonly Version s_minimumNode = new(20, 19);

    private static readonly TimeSpan s_clientTimeout = TimeSpan.FromMinutes(1);
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private static string? s_node;
    private static string? s_installFailure;

    private Task<HubProcess>? _hub;

    [OneTimeTearDown]
    public async Task StopHub()
    {
        if (_hub is { IsCompletedSuccessfully: true }) await (await _hub).DisposeAsync();
    }

    [Test]
    public async Task NodeSoap_client_generated_from_the_wsdl_completes_an_exchange(
        [Values("reference", "served")] string source, [Values(false, true)] bool soap12)
    {
        var node = await NodeWithPackagesAsync();
        var hub = await HubAsync();
        var wsdl = await WsdlAsync(source, hub);

        var script = ClientPath(Folder, "exchange.js");
        var arguments = new List<string>
        {
            script, "--address", hub.ServiceAddress.ToString(), "--certs", hub.CertificatesDirectory, "--wsdl", wsdl,
        };
        if (soap12) arguments.Add("--soap12");
        await RunClientAsync($"node-soap (SOAP {(soap12 ? "1.2" : "1.1")})", s_clientTimeout, hub, node, [.. arguments]);
    }

    /// <summary>One hub for the fixture, started by the first test that has its client tools.</summary>
    private Task<HubProcess> HubAsync() => _hub ??= HubProcess.StartAsync();

    /// <summary>node, with the locked packages installed beside exchange.js; or the test skipped (failed in CI).</summary>
    private static async Task<string> NodeWithPackagesAsync()
    {
        await s_install.WaitAsync();
        try
        {
            if (s_node is null && s_installFailure is null) s_installFailure = await InstallAsync();
        }
        finally
        {
            s_install.Release();
        }
        if (s_installFailure is not null) SkipOrFailInCi(s_installFailure);
        return s_node!;
    }

    /// <summary>Null when ready (<see cref="s_node"/> set), else why not.</summary>
    private static async Task<string?> InstallAsync()
    {
        var node = FindOnPath("node");
        if (node is null) return "node is not on PATH: apt-get install nodejs npm";
        var version = await ChildProcess.RunAsync(node, ["--version"], TestContext.CurrentContext.TestDirectory, TimeSpan.FromSeconds(30));
        if (!version.Succeeded || !Version.TryParse(version.StandardOutput.Trim().TrimStart('v'), out var nodeVersion))
            return $"could not tell the version of {node}:\n{version}";
        if (nodeVersion < s_minimumNode)
            return $"node {nodeVersion} is too old for node-soap (soap 1.13 needs node >= {s_minimumNode})";

        var directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "Clients", Folder);
        if (await NodePackages.EnsureInstalledAsync(directory, "node-soap") is { } notInstalled) return notInstalled;
        s_node = node;
        return null;
    }
}
