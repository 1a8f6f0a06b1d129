using Hub.Tests.Support;
using NUnit.Framework;
using static Hub.Tests.Interop.ClientRuns;

namespace Hub.Tests.Interop;

/// <summary>
/// Perl SOAP::Lite runs the full exchange of Clients/zeep/exchange.py against the real hub process over mutual TLS
/// (Clients/perl/exchange.pl). SOAP::Lite's WSDL mode only does rpc/encoded, so every document/literal call is built by
/// hand from the IPPC WSDL, as a Perl national system would: no WSDL is read, hence one run per SOAP version rather than
/// one per WSDL source. SOAP 1.2 is SOAP::Lite's own soapversion('1.2'): the SOAP 1.2 envelope, application/soap+xml,
/// and the action still in a SOAPAction header.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PerlClientTests
{
    private const string PerlPath = "/usr/bin/perl";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(45);

    private Task<HubProcess>? _hub;

    [OneTimeTearDown]
    public async Task StopHub()
    {
        if (_hub is { IsCompletedSuccessfully: true }) await (await _hub).DisposeAsync();
    }

    [Test]
    public async Task Perl_SOAP_Lite_client_with_hand_built_calls_completes_an_exchange([Values(false, true)] bool soap12)
    {
        if (await RunQuietlyAsync(PerlPath, "-MSOAP::Lite", "-MLWP::Protocol::https", "-MIO::Socket::SSL", "-e", "1") != 0)
            SkipOrFailInCi("SOAP::Lite with HTTPS not installed: "
                + "apt-get install libsoap-lite-perl liblwp-protocol-https-perl libio-socket-ssl-perl");
        var hub = await HubAsync();

        var script = ClientPath("perl", "exchange.pl");
        string[] arguments =
        [
            script, "--address", hub.ServiceAddress.ToString(), "--certs", hub.CertificatesDirectory,
            .. soap12 ? new[] { "--soap12" } : [],
        ];
        await RunClientAsync($"Perl SOAP::Lite (SOAP {(soap12 ? "1.2" : "1.1")})", s_timeout, hub, PerlPath, arguments);
    }

    /// <summary>One hub for the fixture, started by the first test that has its client tools.</summary>
    private Task<HubProcess> HubAsync() => _hub ??= HubProcess.StartAsync();
}
