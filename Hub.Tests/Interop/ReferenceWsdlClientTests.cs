using System.Diagnostics;
using System.Text;
using Hub.Tests.Support;
using NUnit.Framework;

namespace Hub.Tests.Interop;

/// <summary>
/// Clients that know nothing about this hub: generated from the IPPC reference WSDL (the production hub's, not ours),
/// with only the endpoint address and the client certificates changed, run a full exchange (deliver, track, list,
/// pull, the three acknowledgements, refusals, reference data) against the real hub process over mutual TLS.
/// Each client prints one line per step ("ok ..." / "FAIL ...") and exits 0 only if every step passed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReferenceWsdlClientTests
{
    private const string PythonPath = "/usr/bin/python3";
    private const string JaxWsRuntimeJar = "/usr/share/java/jaxws-rt.jar"; // Debian libjaxws-java, used by run.sh
    private const string ReferenceWsdlName = "ippc-hub-DeliveryService.wsdl";
    private static readonly TimeSpan s_zeepTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_jaxWsTimeout = TimeSpan.FromMinutes(5);

    private Task<HubProcess>? _hub;

    [OneTimeTearDown]
    public async Task StopHub()
    {
        if (_hub is { IsCompletedSuccessfully: true }) await (await _hub).DisposeAsync();
    }

    [Test]
    public async Task Zeep_client_from_the_reference_wsdl_completes_an_exchange()
    {
        if (await RunQuietlyAsync(PythonPath, "-c", "import zeep, requests") != 0)
            SkipOrFailInCi($"zeep for {PythonPath} not installed: apt-get install python3-zeep");
        var wsdl = ReferenceWsdl();
        var hub = await HubAsync();

        var script = ClientPath("zeep", "exchange.py");
        await RunClientAsync("zeep", s_zeepTimeout, hub, PythonPath, script,
            "--address", hub.ServiceAddress.ToString(), "--certs", hub.CertificatesDirectory, "--wsdl", wsdl);
    }

    [Test]
    public async Task JaxWs_client_from_the_reference_wsdl_completes_an_exchange()
    {
        var missing = new[] { "wsimport", "javac", "java" }.Where(tool => FindOnPath(tool) is null)
            .Concat(File.Exists(JaxWsRuntimeJar) ? [] : [JaxWsRuntimeJar]).ToList();
        if (missing.Count > 0)
            SkipOrFailInCi($"{string.Join(", ", missing)} not installed: apt-get install jaxws openjdk-17-jdk-headless");
        var wsdl = ReferenceWsdl();
        var hub = await HubAsync();

        var script = ClientPath("jaxws", "run.sh");
        await RunClientAsync("JAX-WS RI", s_jaxWsTimeout, hub, "/bin/sh", script,
            "--address", hub.ServiceAddress.ToString(), "--certs", hub.CertificatesDirectory, "--wsdl", wsdl);
    }

    /// <summary>One hub for the fixture, started by the first test that has its client tools.</summary>
    private Task<HubProcess> HubAsync() => _hub ??= HubProcess.StartAsync();

    private static string ClientPath(params string[] parts)
    {
        var path = Path.Combine([TestContext.CurrentContext.TestDirectory, "Clients", .. parts]);
        Assert.That(File.Exists(path), Is.True, $"client not copied to the test output: {path}");
        return path;
    }

    /// <summary>
    /// The IPPC reference WSDL lives outside the repository (shared/reference/ephyto, never copied into the source
    /// tree): EPHYTO_REFERENCE_WSDL, else the first shared/reference/ephyto/ beside an ancestor of the test folder.
    /// </summary>
    private static string ReferenceWsdl()
    {
        var configured = Environment.GetEnvironmentVariable("EPHYTO_REFERENCE_WSDL");
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.That(File.Exists(configured), Is.True, $"EPHYTO_REFERENCE_WSDL={configured} does not exist");
            return configured;
        }
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference", "ephyto", ReferenceWsdlName);
            if (File.Exists(candidate)) return candidate;
        }
        SkipOrFailInCi($"IPPC reference WSDL not found: set EPHYTO_REFERENCE_WSDL to {ReferenceWsdlName}");
        return null!; // unreachable: SkipOrFailInCi throws
    }

    private static async Task RunClientAsync(string name, TimeSpan timeout, HubProcess hub, string fileName,
        params string[] arguments)
    {
        var (exitCode, output, timedOut) = await RunAsync(fileName, arguments, timeout);

        await TestContext.Out.WriteLineAsync($"--- {name} client: {fileName} {string.Join(' ', arguments)}");
        await TestContext.Out.WriteLineAsync(output);
        await TestContext.Out.WriteLineAsync($"--- {name} client exit code {(timedOut ? "(timed out)" : exitCode)}");

        string Failure() =>
            $"{name} client {(timedOut ? $"timed out after {timeout}" : $"exited with {exitCode}")}; its output:\n{output}\n"
            + $"--- hub output (last lines) ---\n{Tail(hub.Output, 60)}";

        Assert.That(timedOut, Is.False, Failure);
        Assert.That(exitCode, Is.EqualTo(0), Failure);
        Assert.That(output, Does.Contain("PASSED: 0 failed step(s)").And.Not.Contain("FAIL "), Failure);
    }

    private static async Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = TestContext.CurrentContext.TestDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        process.WaitForExit(); // drains the redirected streams
        lock (output) return (timedOut ? -1 : process.ExitCode, output.ToString().TrimEnd(), timedOut);
    }

    /// <summary>Exit code of a short probe; -1 if the program cannot be started.</summary>
    private static async Task<int> RunQuietlyAsync(string fileName, params string[] arguments)
    {
        if (!File.Exists(fileName)) return -1;
        try
        {
            var (exitCode, _, _) = await RunAsync(fileName, arguments, TimeSpan.FromSeconds(30));
            return exitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>
    /// A missing client is a skip on a developer's machine, but a failure in CI (CI=true), where .ci/run installs every
    /// client: the interop proof must not silently vanish from CI.
    /// </summary>
    private static void SkipOrFailInCi(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason + " (CI=true: .ci/run should have installed it)");
        Assert.Ignore(reason);
    }
}
