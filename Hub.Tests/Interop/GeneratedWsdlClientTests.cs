using Hub.Tests.Support;
using static Hub.Tests.Interop.ClientRuns;
using NUnit.Framework;

namespace Hub.Tests.Interop;

/// <summary>
/// Clients that know nothing about this hub, generated twice: from the IPPC reference WSDL (the production hub's, with
/// only the endpoint address and the client certificates changed) and from the WSDL our hub serves, run a full exchange (deliver, track, list,
/// pull, the three acknowledgements, refusals, reference data) against the real hub process over mutual TLS.
/// Each client prints one line per step ("ok ..." / "FAIL ...") and exits 0 only if every step passed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GeneratedWsdlClientTests
{
    private const string PythonPath = "/usr/bin/python3";
    private const string JaxWsRuntimeJar = "/usr/share/java/jaxws-rt.jar"; // Debian libjaxws-java, used by run.sh
        private static readonly TimeSpan s_zeepTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_jaxWsTimeout = TimeSpan.FromMinutes(5);

    private Task<HubProcess>? _hub;

    [OneTimeTearDown]
    public async Task StopHub()
    {
        if (_hub is { IsCompletedSuccessfully: true }) await (await _hub).DisposeAsync();
    }

    [Test]
    public async Task Zeep_client_generated_from_the_wsdl_completes_an_exchange([Values("reference", "served")] string source)
    {
        if (await RunQuietlyAsync(PythonPath, "-c", "import zeep, requests") != 0)
            SkipOrFailInCi($"zeep for {PythonPath} not installed: apt-get install python3-zeep");
        var hub = await HubAsync();
        var wsdl = await WsdlAsync(source, hub);

        var script = ClientPath("zeep", "exchange.py");
        await RunClientAsync("zeep", s_zeepTimeout, hub, PythonPath, script,
            "--address", hub.ServiceAddress.ToString(), "--certs", hub.CertificatesDirectory, "--wsdl", wsdl);
    }

    [Test]
    public async Task JaxWs_client_generated_from_the_wsdl_completes_an_exchange([Values("reference", "served")] string source)
    {
        var missing = new[] { "wsimport", "javac", "java" }.Where(tool => FindOnPath(tool) is null)
            .Concat(File.Exists(JaxWsRuntimeJar) ? [] : [JaxWsRuntimeJar]).ToList();
        if (missing.Count > 0)
            SkipOrFailInCi($"{string.Join(", ", missing)} not installed: apt-get install jaxws openjdk-17-jdk-headless");
        var hub = await HubAsync();
        var wsdl = await WsdlAsync(source, hub);

        var script = ClientPath("jaxws", "run.sh");
        await RunClientAsync("JAX-WS RI", s_jaxWsTimeout, hub, "/bin/sh", script,
            "--address", hub.ServiceAddress.ToString(), "--certs", hub.CertificatesDirectory, "--wsdl", wsdl);
    }

    /// <summary>One hub for the fixture, started by the first test that has its client tools.</summary>
    private Task<HubProcess> HubAsync() => _hub ??= HubProcess.StartAsync();
}
