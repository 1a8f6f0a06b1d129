using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Hub.Tests.Support;

/// <summary>Child processes of the tests (real clients, tools), tools on PATH, and what a missing tool means in CI.</summary>
internal static class ChildProcess
{
    public static bool InCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A missing tool is a skip on a developer's machine but a failure in CI (CI=true), where .ci/run installs every
    /// tool: the interoperability proof must not silently vanish from CI. Always throws.
    /// </summary>
    public static void SkipOrFailInCi(string reason)
    {
        if (InCi) Assert.Fail(reason + " (CI=true: .ci/run should have installed it)");
        Assert.Ignore(reason);
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs a program to its end (or kills it at <paramref name="timeout"/>), capturing both streams.</summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new ProcessResult(Describe(fileName, info.ArgumentList), -1, "", $"could not start {fileName}: {e.Message}", false);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = false;
        using (var cts = new CancellationTokenSource(timeout))
        {
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
        }
        process.WaitForExit(); // drains the redirected streams
        lock (stdout)
        lock (stderr)
            return new ProcessResult(Describe(fileName, info.ArgumentList), timedOut ? -1 : process.ExitCode,
                stdout.ToString(), stderr.ToString(), timedOut);
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
}

/// <summary>The outcome of one child process.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public override string ToString() =>
        $"$ {CommandLine}\n-> {(TimedOut ? "timed out" : $"exit code {ExitCode}")}\n--- stdout ---\n{StandardOutput.TrimEnd()}\n--- stderr ---\n{StandardError.TrimEnd()}";
}

