using Hub.Tests.Support;
using NUnit.Framework;
using static Hub.Tests.Interop.ClientRuns;

namespace Hub.Tests.Interop;

/// <summary>
/// PHP's own SoapClient (ext/soap) in WSDL mode, from the IPPC reference WSDL (only the address changed) and from the WSDL
/// the hub serves, in SOAP 1.1 and SOAP 1.2, runs the full exchange of Clients/zeep/exchange.py against the real hub
/// process over mutual TLS (Clients/php/exchange.php: local_cert, a stream context verifying the hub's certificate).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PhpClientTests
{
    private const string PhpPath = "/usr/bin/php"; // Debian php-cli; ext/soap from php-soap
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(45);

    private Task<HubProcess>? _hub;

    [OneTimeTearDown]
    public async Task StopHub()
    {
        if (_hub is { IsCompletedSuccessfully: true }) await (await _hub).DisposeAsync();
    }

    [Test]
    public async Task Php_SoapClient_from_the_wsdl_completes_an_exchange(
        [Values("reference", "served")] string source, [Values(false, true)] bool soap12)
    {
        if (await RunQuietlyAsync(PhpPath, "-r", "exit(extension_loaded('soap') && extension_loaded('openssl') ? 0 : 1);") != 0)
            SkipOrFailInCi($"{PhpPath} with ext/soap and ext/openssl not installed: apt-get install php-cli php-soap");
        var hub = await HubAsync();
        var wsdl = await WsdlAsync(source, hub);

        var script = ClientPath("php", "exchange.php");
        string[] arguments =
        [
            script, "--address", hub.ServiceAddress.ToString(), "--certs", hub.CertificatesDirectory, "--wsdl", wsdl,
            .. soap12 ? new[] { "--soap12" } : [],
        ];
        await RunClientAsync($"PHP SoapClient (SOAP {(soap12 ? "1.2" : "1.1")}, {source} WSDL)", s_timeout, hub, PhpPath,
            arguments);
    }

    /// <summary>One hub for the fixture, started by the first test that has its client tools.</summary>
    private Task<HubProcess> HubAsync() => _hub ??= HubProcess.StartAsync();
}
