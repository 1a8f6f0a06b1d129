using System.Text.Json;

namespace Hub.Tests.Support;

/// <summary>
/// A Node client folder of the tests (Clients/NAME with package.json and package-lock.json, node_modules ignored by git):
/// installed at exactly the locked versions, by `npm ci` when they are missing or stale.
/// </summary>
internal static class NodePackages
{
    private static readonly TimeSpan s_npmTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Null when every direct dependency is installed at its locked version; otherwise why not.</summary>
    public static async Task<string?> EnsureInstalledAsync(string directory, string label)
    {
        if (!File.Exists(Path.Combine(directory, "package-lock.json")))
            return $"{label}: package-lock.json was not copied to the test output ({directory})";
        if (Stale(directory).Count == 0) return null;

        var npm = ChildProcess.FindOnPath("npm");
        if (npm is null) return $"npm is not on PATH ({label} not installed): apt-get install nodejs npm";
        // Short retry back-off, so that an unreachable registry is a skip (or, in CI, a failure) in seconds, not minutes.
        var environment = new Dictionary<string, string>
        {
            ["npm_config_fetch_retries"] = "2",
            ["npm_config_fetch_retry_mintimeout"] = "2000",
            ["npm_config_fetch_retry_maxtimeout"] = "10000",
            ["npm_config_update_notifier"] = "false",
        };
        var result = await ChildProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], directory, s_npmTimeout, environment);
        await TestContext.Out.WriteLineAsync($"npm ci for {label} in {directory}:\n{result}");
        if (!result.Succeeded) return $"npm ci could not install {label} (registry unreachable?):\n{result}";
        var stale = Stale(directory);
        return stale.Count == 0
            ? null
            : "npm ci did not install the locked versions: "
              + string.Join(", ", stale.Select(p => $"{p.Name} {p.Installed ?? "(none)"} instead of {p.Locked}"));
    }

    /// <summary>The direct dependencies whose installed version is not the one package-lock.json pins.</summary>
    private static List<(string Name, string Locked, string? Installed)> Stale(string directory)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "package-lock.json")));
        var packages = lockFile.RootElement.GetProperty("packages");
        var stale = new List<(string, string, string?)>();
        foreach (var dependency in packages.GetProperty("").GetProperty("dependencies").EnumerateObject())
        {
            var locked = packages.GetProperty($"node_modules/{dependency.Name}").GetProperty("version").GetString()!;
            var manifest = Path.Combine(directory, "node_modules", dependency.Name, "package.json");
            string? installed = null;
            if (File.Exists(manifest))
            {
                using var package = JsonDocument.Parse(File.ReadAllText(manifest));
                installed = package.RootElement.GetProperty("version").GetString();
            }
            if (installed != locked) stale.Add((dependency.Name, locked, installed));
        }
        return stale;
    }
}
