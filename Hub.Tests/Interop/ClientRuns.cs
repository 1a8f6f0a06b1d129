using Hub.Tests.Support;

namespace Hub.Tests.Interop;

/// <summary>
/// What every real-client interop test shares: where the client programs and the WSDLs are, running a client with a
/// timeout and judging its "ok/FAIL" step lines, and skipping (developer machine) or failing (CI) when a tool is missing.
/// A client prints one line per step ("ok ..." / "FAIL ...") and ends with "PASSED: 0 failed step(s)" when all passed.
/// </summary>
internal static class ClientRuns
{
    public const string ReferenceWsdlName = "ippc-hub-DeliveryService.wsdl";

    /// <summary>The WSDL a client is generated from: the IPPC hub's own (only the address changed) or ours as served.</summary>
    public static async Task<string> WsdlAsync(string source, HubProcess hub) => source switch
    {
        "reference" => ReferenceWsdl(),
        "served" => await ServedWsdl.DownloadAsync(hub),
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "reference or served"),
    };

    public static string ClientPath(params string[] parts)
    {
        var path = Path.Combine([TestContext.CurrentContext.TestDirectory, "Clients", .. parts]);
        Assert.That(File.Exists(path), Is.True, $"client not copied to the test output: {path}");
        return path;
    }

    /// <summary>
    /// The IPPC reference WSDL lives outside the repository (shared/reference/ephyto, never copied into the source
    /// tree): EPHYTO_REFERENCE_WSDL, else the first shared/reference/ephyto/ beside an ancestor of the test folder.
    /// </summary>
    public static string ReferenceWsdl()
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

    public static async Task RunClientAsync(string name, TimeSpan timeout, HubProcess hub, string fileName,
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

    /// <summary>Runs a client; its two streams together, as a person would read them.</summary>
    public static async Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var result = await ChildProcess.RunAsync(fileName, arguments, TestContext.CurrentContext.TestDirectory, timeout,
            new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8", ["PYTHONDONTWRITEBYTECODE"] = "1" });
        return (result.ExitCode, (result.StandardOutput + result.StandardError).TrimEnd(), result.TimedOut);
    }

    /// <summary>Exit code of a short probe; -1 if the program cannot be started.</summary>
    public static async Task<int> RunQuietlyAsync(string fileName, params string[] arguments)
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

    public static string? FindOnPath(string program) => ChildProcess.FindOnPath(program);

    public static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>A missing client: skipped on a developer's machine, a failure in CI (see <see cref="ChildProcess.SkipOrFailInCi"/>).</summary>
    public static void SkipOrFailInCi(string reason) => ChildProcess.SkipOrFailInCi(reason);
}
