using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Hub.Tests.Support;

/// <summary>
/// The hub as a real child process (the built Hub.Service.dll), on a free loopback port, with its own data folder.
/// On first start the hub creates its development certificates under DataDirectory/certs:
/// server.pfx / server.crt.pem, and per sample participant (nl, ke, us) CODE.pfx, CODE.crt.pem, CODE.key.pem
/// (PFX password <see cref="PfxPassword"/>).
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    public const string PfxPassword = "hub-dev";

    private static readonly List<HubProcess> s_running = [];
    private Process? _process;
    private readonly List<string> _output = [];
    private readonly bool _ownsDataDirectory;

    static HubProcess()
    {
        // A test host that is stopped or crashes must not leave hubs behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (s_running) foreach (var hub in s_running.ToList()) hub.Kill();
        };
    }

    private HubProcess(string dataDirectory, int port, bool ownsDataDirectory)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _ownsDataDirectory = ownsDataDirectory;
        lock (s_running) s_running.Add(this);
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"https://127.0.0.1:{Port}/");
    public Uri ServiceAddress => new(BaseAddress, "hub/DeliveryService");
    public string CertificatesDirectory => Path.Combine(DataDirectory, "certs");
    public int? ProcessId => _process?.Id;

    /// <summary>What the process printed so far (stdout and stderr), for failure messages.</summary>
    public string Output { get { lock (_output) { return string.Join('\n', _output); } } }

    public string CertificatePath(string participant, string extension) =>
        Path.Combine(CertificatesDirectory, $"{participant.ToLowerInvariant()}.{extension}");

    public X509Certificate2 ClientCertificate(string participant) =>
        X509CertificateLoader.LoadPkcs12FromFile(CertificatePath(participant, "pfx"), PfxPassword);

    public static async Task<HubProcess> StartAsync(string? dataDirectory = null, int? port = null, params string[] extraArgs)
    {
        var hub = new HubProcess(
            dataDirectory ?? Directory.CreateTempSubdirectory("hub-test-").FullName,
            port ?? FreeTcpPort(),
            ownsDataDirectory: dataDirectory is null);
        await hub.RestartAsync(extraArgs);
        return hub;
    }

    /// <summary>Starts (again) on the same port and data folder, and waits until the port accepts TLS connections.</summary>
    public async Task RestartAsync(params string[] extraArgs)
    {
        var serviceDll = Path.Combine(AppContext.BaseDirectory, "Hub.Service.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(serviceDll);
        info.ArgumentList.Add($"--urls=https://127.0.0.1:{Port}");
        info.ArgumentList.Add($"--Hub:DataDirectory={DataDirectory}");
        foreach (var arg in extraArgs) info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_NOLOGO"] = "1";
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the hub");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            Kill(); // never leave a half-started hub behind
            throw;
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"the hub exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                if (File.Exists(CertificatePath("ke", "pfx"))) return;
            }
            catch (SocketException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the hub did not listen on port {Port} within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: the process gets no chance to flush or shut down.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        lock (s_running) s_running.Remove(this);
        if (_ownsDataDirectory)
        {
            try { Directory.Delete(DataDirectory, recursive: true); }
            catch (IOException) { }
        }
        await Task.CompletedTask;
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
