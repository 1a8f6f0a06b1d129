using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Load;

/// <summary>
/// Starts the Release hub (and the floor server) as child processes, drives each scenario from concurrent keep-alive
/// HTTPS clients with client certificates, and writes the markdown report.
/// </summary>
internal static partial class Driver
{
    public const string PfxPassword = "hub-dev";
    private const string Ns = "http://ephyto.ippc.int/";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record Options(int Warmup, int Seconds, int Concurrency, int LargeWarmup, int LargeSeconds, int LargeSize,
        string Pin, string? Report, string CommandLine, string? HubDll);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: Hub.Load [--warmup N] [--seconds S] [--concurrency C] [--large-warmup N] [--large-seconds S] " +
                "[--large-size BYTES] [--pin pinned|unpinned|both] [--report FILE] [--command TEXT] [--hub-dll PATH]");
            return 2;
        }
        var repository = FindRepository();
        var hubDll = options.HubDll ?? Path.Combine(repository, "Hub.Service", "bin", "Release", "net10.0", "Hub.Service.dll");
        if (!File.Exists(hubDll))
        {
            Console.Error.WriteLine($"{hubDll} not found: run `dotnet build -c Release Hub.Service` first (bench/run.sh load does).");
            return 2;
        }
        var sample = Documents.FindSample(repository);
        var canPin = File.Exists("/usr/bin/taskset") && Environment.ProcessorCount >= 2 && OperatingSystem.IsLinux();
        var modes = options.Pin switch
        {
            "both" => canPin ? new[] { true, false } : [false],
            "pinned" => canPin ? [true] : [false],
            _ => [false],
        };
        var notes = new List<string>();
        if (!canPin && options.Pin != "unpinned") notes.Add("Pinning was not possible here (taskset or a second core missing): unpinned only.");

        var sections = new List<string>();
        foreach (var pinned in modes)
        {
            Console.WriteLine($"== {(pinned ? "pinned: driver on core 0, hub and floor on core 1" : "unpinned")}");
            sections.Add(await RunModeAsync(options, hubDll, sample, pinned, notes));
        }

        var report = BuildReport(options, repository, sections, notes);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Report is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Report))!);
            await File.WriteAllTextAsync(options.Report, report);
            Console.WriteLine($"report: {options.Report}");
        }
        return 0;
    }

    private static async Task<string> RunModeAsync(Options options, string hubDll, string sample, bool pinned, List<string> notes)
    {
        if (OperatingSystem.IsLinux())
            Process.GetCurrentProcess().ProcessorAffinity = pinned ? 1 : (nint)((1L << Environment.ProcessorCount) - 1);
        var data = Directory.CreateTempSubdirectory("hub-load-").FullName;
        var results = new List<Result>();
        Result floor;
        try
        {
            // The hub first: its first run creates the development certificates the floor server uses too.
            var hubPort = FreeTcpPort();
            using var hub = await Child.StartAsync(pinned, hubPort, "dotnet",
                [hubDll, $"--urls=https://127.0.0.1:{hubPort}", $"--Hub:DataDirectory={data}"],
                Path.GetDirectoryName(hubDll)!, () => File.Exists(Path.Combine(data, "certs", "ke.pfx")));
            var certs = Path.Combine(data, "certs");
            using var serverCertificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "server.crt.pem"));
            using var nl = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(certs, "nl.pfx"), PfxPassword);
            using var ke = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(certs, "ke.pfx"), PfxPassword);

            var floorPort = FreeTcpPort();
            var self = typeof(Driver).Assembly.Location;
            using (var floorServer = await Child.StartAsync(pinned, floorPort, "dotnet",
                [self, "--floor-server", floorPort.ToString(Inv), certs], Path.GetDirectoryName(self)!, () => true))
            {
                var floorUri = new Uri($"https://127.0.0.1:{floorPort}/hub/DeliveryService");
                var getNppos = Soap("GetActiveNppos", "<eph:GetActiveNppos/>");
                floor = await MeasureAsync("HTTP floor (bare Kestrel, 300-byte reply)", floorServer, floorUri, serverCertificate, nl,
                    options.Warmup, options.Seconds, options.Concurrency, _ => (getNppos.Action, getNppos.Body), CheckOk, null);
            }

            var uri = new Uri($"https://127.0.0.1:{hubPort}/hub/DeliveryService");
            var nppos = Soap("GetActiveNppos", "<eph:GetActiveNppos/>");
            results.Add(await MeasureAsync("GetActiveNppos (SOAP layer)", hub, uri, serverCertificate, nl,
                options.Warmup, options.Seconds, options.Concurrency, _ => (nppos.Action, nppos.Body), CheckOk, null));

            var small = Documents.Sign(Documents.Small(sample), Path.Combine(certs, "nl-signing.pfx"));
            var smallDelivery = new Delivery(small, $"LOAD-{DateTime.UtcNow:HHmmss}-{(pinned ? "P" : "U")}");
            var delivered = new ConcurrentQueue<string>();
            var deliver = await MeasureAsync($"DeliverEnvelope {smallDelivery.RequestBytes / 1024.0:0.#} KB (signed, verified, stored)", hub, uri,
                serverCertificate, nl, options.Warmup, options.Seconds, options.Concurrency, smallDelivery.Next,
                body => CheckDelivered(body, delivered), null);
            delivered.TryPeek(out var sampleNumber);
            results.Add(deliver with { Note = await VerdictAsync(hubPort, serverCertificate, nl, sampleNumber) });

            // Pull+acknowledge: KE takes the envelopes the delivery scenario queued (one cycle = two requests).
            var available = delivered.Count;
            var cycleWarmup = Math.Min(options.Warmup / 2, available / 4);
            results.Add(await MeasureAsync("PULLSingleImportEnvelope + AcknowledgeEnvelopeReceipt (KE, one cycle)", hub, uri,
                serverCertificate, ke, cycleWarmup, options.Seconds, options.Concurrency, null, CheckOk, delivered,
                note: $"{available} envelopes queued beforehand"));

            var large = Documents.Sign(Documents.Large(sample, options.LargeSize), Path.Combine(certs, "nl-signing.pfx"));
            var largeDelivery = new Delivery(large, $"LOADL-{DateTime.UtcNow:HHmmss}-{(pinned ? "P" : "U")}");
            var largeNumbers = new ConcurrentQueue<string>();
            var largeResult = await MeasureAsync($"DeliverEnvelope {largeDelivery.RequestBytes / 1048576.0:0.##} MB (signed, verified, stored)", hub, uri,
                serverCertificate, nl, options.LargeWarmup, options.LargeSeconds, options.Concurrency, largeDelivery.Next,
                body => CheckDelivered(body, largeNumbers), null);
            largeNumbers.TryPeek(out var largeNumber);
            results.Add(largeResult with { Note = await VerdictAsync(hubPort, serverCertificate, nl, largeNumber) });
            if (!hub.PeakResetWorks) notes.Add("Resetting the hub's VmHWM between scenarios (clear_refs 5) failed: its peak is cumulative over the run.");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## {(pinned ? "Pinned: driver on core 0, hub (and floor server) on core 1 (`taskset -c 1`)" : "Unpinned: driver, hub and floor share all cores")}");
        sb.AppendLine();
        sb.AppendLine("| scenario | requests measured | requests/s | p50 ms | p99 ms | errors | server peak memory (VmHWM) | ratio to floor |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.Prepend(floor))
        {
            var extra = r.Cycles ? $" ({r.Count / 2} cycles, {r.Count / 2 / r.Elapsed.TotalSeconds:0} cycles/s)" : "";
            sb.AppendLine(Inv, $"| {r.Name}{(r.Note is null ? "" : $" [{r.Note}]")} | {r.Count}{extra} | {r.Rate:0} | {r.P50:0.00} | {r.P99:0.00} | {r.Errors} | {r.PeakMb:0} MB | {(ReferenceEquals(r, floor) ? "1.00" : (r.Rate / floor.Rate).ToString("0.00", Inv))} |");
        }
        foreach (var r in results.Prepend(floor).Where(r => r.FirstError is not null))
            sb.AppendLine().AppendLine(Inv, $"First error in {r.Name}: `{r.FirstError}`");
        foreach (var r in results.Where(r => r.Elapsed.TotalSeconds < r.PlannedSeconds - 0.5))
            sb.AppendLine().AppendLine(Inv, $"{r.Name}: the queue ran dry after {r.Elapsed.TotalSeconds:0.0} s of the {r.PlannedSeconds} s planned; rates use the real time.");
        return sb.ToString();
    }

    // ---- measuring ----

    private sealed record Result(string Name, long Count, TimeSpan Elapsed, double P50, double P99, long Errors, double PeakMb,
        string? FirstError, bool Cycles, int PlannedSeconds, string? Note)
    {
        public double Rate => Count / Elapsed.TotalSeconds;
    }

    private static async Task<Result> MeasureAsync(string name, Child server, Uri uri, X509Certificate2 serverCertificate,
        X509Certificate2 clientCertificate, int warmup, int seconds, int concurrency,
        Func<long, (string Action, byte[] Body)>? request, Func<string, bool> check, ConcurrentQueue<string>? cycleQueue, string? note = null)
    {
        Console.WriteLine($"-- {name}: warm-up {warmup} {(cycleQueue is null ? "requests" : "cycles")}, then {seconds} s from {concurrency} clients");
        var clients = Enumerable.Range(0, concurrency).Select(_ => NewClient(serverCertificate, clientCertificate)).ToArray();
        try
        {
            // Warm-up: a fixed number of requests (cycles) shared by the workers, nothing recorded.
            long issued = 0;
            var warmupRun = new Phase(warmup);
            await Task.WhenAll(clients.Select(c => Task.Run(() => WorkAsync(c, uri, request, check, cycleQueue,
                () => Interlocked.Increment(ref issued) <= warmup, warmupRun, record: false))));

            server.ResetPeak();
            var phase = new Phase(0);
            var deadline = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
            var start = Stopwatch.GetTimestamp();
            var workers = clients.Select(c => Task.Run(() => WorkAsync(c, uri, request, check, cycleQueue,
                () => Stopwatch.GetTimestamp() < deadline, phase, record: true))).ToArray();
            await Task.WhenAll(workers);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var latencies = phase.Latencies.SelectMany(l => l).ToArray();
            Array.Sort(latencies);
            var count = cycleQueue is null ? latencies.Length : latencies.Length * 2L;
            var result = new Result(name, count + phase.Errors * (cycleQueue is null ? 1 : 2), elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
                phase.Errors, server.PeakMegabytes(), phase.FirstError, cycleQueue is not null, seconds, note);
            Console.WriteLine(string.Create(Inv, $"   {result.Rate:0} requests/s, p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, {result.Errors} errors, peak {result.PeakMb:0} MB"));
            return result;
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    private sealed class Phase(int capacity)
    {
        public readonly ConcurrentBag<List<double>> Latencies = [];
        public long Errors;
        public string? FirstError;
        public int Capacity = capacity;

        public void Fail(string message)
        {
            Interlocked.Increment(ref Errors);
            Interlocked.CompareExchange(ref FirstError, message.Length > 300 ? message[..300] : message, null);
        }
    }

    private static async Task WorkAsync(HttpClient client, Uri uri, Func<long, (string Action, byte[] Body)>? request,
        Func<string, bool> check, ConcurrentQueue<string>? cycleQueue, Func<bool> more, Phase phase, bool record)
    {
        var latencies = new List<double>(record ? 1 << 16 : 0);
        while (more())
        {
            var started = Stopwatch.GetTimestamp();
            bool ok;
            if (cycleQueue is null)
            {
                var (action, body) = request!(0);
                ok = await SendAsync(client, uri, action, body, check, phase);
            }
            else
            {
                if (!cycleQueue.TryDequeue(out var number)) break;
                var pull = Soap("PULLSingleImportEnvelope", $"<eph:PULLSingleImportEnvelope><eph:hubTrackingNumber>{number}</eph:hubTrackingNumber></eph:PULLSingleImportEnvelope>");
                var ack = Soap("AcknowledgeEnvelopeReceipt", $"<eph:AcknowledgeEnvelopeReceipt><eph:hubTrackingNumber>{number}</eph:hubTrackingNumber></eph:AcknowledgeEnvelopeReceipt>");
                ok = await SendAsync(client, uri, pull.Action, pull.Body, body => CheckPulled(body, number), phase)
                    && await SendAsync(client, uri, ack.Action, ack.Body, CheckOk, phase);
            }
            if (ok && record) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        phase.Latencies.Add(latencies);
    }

    private static async Task<bool> SendAsync(HttpClient client, Uri uri, string action, byte[] body, Func<string, bool> check, Phase phase)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
            message.Headers.TryAddWithoutValidation("SOAPAction", $"\"{Ns}IDeliveryService/{action}\"");
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !check(text))
            {
                phase.Fail($"{action}: HTTP {(int)response.StatusCode}: {text}");
                return false;
            }
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            phase.Fail($"{action}: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    /// <summary>The hub's recorded signature verdict for one delivered envelope (GetVerificationResult), for the report.</summary>
    private static async Task<string> VerdictAsync(int port, X509Certificate2 serverCertificate, X509Certificate2 client, string? number)
    {
        if (number is null) return "no delivery to check the verdict of";
        using var http = NewClient(serverCertificate, client);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"https://127.0.0.1:{port}/hub/VerificationService"))
        {
            Content = new StringContent("<?xml version=\"1.0\" encoding=\"utf-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" " +
                $"xmlns:v=\"urn:ephyto-hub:verification:1\"><soapenv:Body><v:GetVerificationResult><v:hubTrackingNumber>{number}</v:hubTrackingNumber>" +
                "</v:GetVerificationResult></soapenv:Body></soapenv:Envelope>", Encoding.UTF8, "text/xml"),
        };
        message.Headers.TryAddWithoutValidation("SOAPAction", "\"urn:ephyto-hub:verification:1:GetVerificationResult\"");
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var verdict = VerdictPattern().Match(text);
        return verdict.Success ? $"hub's signature verdict on a sample delivery: {verdict.Groups[1].Value}" : $"verdict not readable: HTTP {(int)response.StatusCode}";
    }

    [GeneratedRegex(@"[Vv]erdict>([^<]+)<")]
    private static partial Regex VerdictPattern();

    private static bool CheckOk(string body) => !body.Contains("Fault>", StringComparison.Ordinal);

    private static bool CheckDelivered(string body, ConcurrentQueue<string>? delivered)
    {
        if (!CheckOk(body) || body.Contains("FailedDelivery", StringComparison.Ordinal)) return false;
        var number = DeliveryNumberPattern().Match(body);
        if (!number.Success) return false;
        delivered?.Enqueue(number.Groups[1].Value);
        return true;
    }

    private static bool CheckPulled(string body, string number) => CheckOk(body) && body.Contains(number, StringComparison.Ordinal);

    [GeneratedRegex(@"hubDeliveryNumber>([^<]+)<")]
    private static partial Regex DeliveryNumberPattern();

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round((sorted.Length - 1) * p)];

    private static HttpClient NewClient(X509Certificate2 serverCertificate, X509Certificate2 clientCertificate)
    {
        var pinned = serverCertificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [clientCertificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 c && c.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == pinned,
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60), DefaultRequestVersion = HttpVersion.Version11 };
    }

    private static (string Action, byte[] Body) Soap(string action, string body) => (action, Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:eph=\"{Ns}\" xmlns:hub=\"http://ephyto.ippc.int/HUB.Entities\"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>"));

    /// <summary>A DeliverEnvelope NL→KE of one signed document; every request has its own NPPOCertificateNumber (no replay).</summary>
    private sealed class Delivery
    {
        private readonly byte[] _head;
        private readonly byte[] _tail;
        private readonly string _prefix;
        private long _counter;

        public Delivery(string signedDocument, string prefix)
        {
            _prefix = prefix;
            var (_, wrapper) = Soap("DeliverEnvelope",
                "<eph:DeliverEnvelope><eph:env><hub:From>NL</hub:From><hub:To>KE</hub:To><hub:CertificateType>851</hub:CertificateType>" +
                "<hub:CertificateStatus>70</hub:CertificateStatus><hub:NPPOCertificateNumber>\u0001</hub:NPPOCertificateNumber>" +
                $"<hub:Content><![CDATA[{signedDocument}]]></hub:Content></eph:env></eph:DeliverEnvelope>");
            var split = Array.IndexOf(wrapper, (byte)1);
            _head = wrapper[..split];
            _tail = wrapper[(split + 1)..];
            RequestBytes = wrapper.Length + prefix.Length + 10;
        }

        public int RequestBytes { get; }

        public (string Action, byte[] Body) Next(long _)
        {
            var number = Encoding.ASCII.GetBytes($"{_prefix}-{Interlocked.Increment(ref _counter):D9}");
            var body = new byte[_head.Length + number.Length + _tail.Length];
            _head.CopyTo(body, 0);
            number.CopyTo(body, _head.Length);
            _tail.CopyTo(body, _head.Length + number.Length);
            return ("DeliverEnvelope", body);
        }
    }

    // ---- report, options, helpers ----

    private static string BuildReport(Options options, string repository, List<string> sections, List<string> notes)
    {
        var sha = Git(repository, "rev-parse --short HEAD");
        var dirty = Git(repository, "status --porcelain -- Hub.Service bench").Length > 0 ? " (with uncommitted changes)" : "";
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : "?";
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var sb = new StringBuilder();
        sb.AppendLine("# Load: the Release hub over HTTPS with client certificates and keep-alive");
        sb.AppendLine();
        sb.AppendLine(Inv, $"Commit {sha}{dirty}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, `{options.CommandLine}`.");
        sb.AppendLine(Inv, $"Machine: {Environment.ProcessorCount} cores (nproc), {long.Parse(memory, Inv) / 1024} MB memory, {cpu}; .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.");
        sb.AppendLine(string.Create(Inv, $"Settings: warm-up {options.Warmup} requests per scenario (pull+ack: at most half as many cycles, and at most a quarter of the queued envelopes; 1 MB: {options.LargeWarmup}), ") + string.Create(Inv,
            $"then {options.Seconds} s measured (1 MB: {options.LargeSeconds} s), {options.Concurrency} concurrent HttpClient workers (SocketsHttpHandler, one keep-alive HTTP/1.1 connection each, client certificate NL, KE for pull+ack, server certificate pinned by thumbprint). SOAP 1.1."));
        if (options.Warmup < 25_000 || options.Seconds < 20)
            sb.AppendLine().AppendLine("**Short settings**: fewer than the 25,000 warm-up requests and/or 20 s the issue asks for; treat the figures as indicative.");
        sb.AppendLine();
        sb.AppendLine("Hub: `dotnet Hub.Service/bin/Release/net10.0/Hub.Service.dll --urls=https://127.0.0.1:PORT --Hub:DataDirectory=TMP`, " +
            "ASPNETCORE_ENVIRONMENT=Development (generated development certificates and participants, default SQLite store, default signature policy), a fresh data folder per mode. " +
            "Floor: `Hub.Load --floor-server PORT CERTDIR`, bare Kestrel with the hub's TLS settings (TLS 1.2/1.3, client certificate required, any accepted, the same server certificate) " +
            "answering every POST with a fixed 300-byte text/xml reply; driven with the GetActiveNppos request.");
        sb.AppendLine("Deliveries: the IPPC sample ePhyto shrunk (attached documents removed, indentation removed, the smaller of its two trade line items kept) and signed once " +
            "with nl-signing.pfx by Hub.Service's DocumentSigner (RSA-SHA256, exclusive C14N), NL→KE, a unique NPPOCertificateNumber per request (no idempotent replays); " +
            "the 1 MB document repeats its trade line item. A delivery counts as an error unless it answers with a hubDeliveryNumber and no FailedDelivery; " +
            "pull+ack: KE pulls (PULLSingleImportEnvelope) then acknowledges (AcknowledgeEnvelopeReceipt) envelopes queued by the delivery scenario; its latency is the whole cycle.");
        sb.AppendLine("Server peak memory: VmHWM of the server process from /proc/PID/status, reset (clear_refs 5) after each warm-up, so it is the peak of the measured phase. " +
            "Latency: per request from send to the last byte of the reply read, successful requests only. Ratio to floor: requests/s over the floor's requests/s in the same mode.");
        foreach (var note in notes.Distinct()) sb.AppendLine().AppendLine(note);
        foreach (var section in sections) sb.AppendLine().Append(section);
        return sb.ToString();
    }

    private static Options? Parse(string[] args)
    {
        int warmup = 25_000, seconds = 20, concurrency = 32, largeWarmup = 200, largeSize = 1_000_000;
        int? largeSeconds = null;
        string pin = "both";
        string? report = null, command = null, hubDll = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--warmup": warmup = int.Parse(Value(), Inv); break;
                case "--seconds": seconds = int.Parse(Value(), Inv); break;
                case "--concurrency": concurrency = int.Parse(Value(), Inv); break;
                case "--large-warmup": largeWarmup = int.Parse(Value(), Inv); break;
                case "--large-seconds": largeSeconds = int.Parse(Value(), Inv); break;
                case "--large-size": largeSize = int.Parse(Value(), Inv); break;
                case "--pin": pin = Value(); if (pin is not ("pinned" or "unpinned" or "both")) return null; break;
                case "--report": report = Value(); break;
                case "--command": command = Value(); break;
                case "--hub-dll": hubDll = Value(); break;
                default: return null;
            }
        }
        return new Options(warmup, seconds, concurrency, largeWarmup, largeSeconds ?? seconds, largeSize, pin, report,
            command ?? "Hub.Load " + string.Join(' ', args), hubDll);
    }

    private static string FindRepository()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Hub.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Hub.sln not found above the working directory.");
    }

    private static string Git(string repository, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = repository, RedirectStandardOutput = true })!;
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A server child process (hub or floor), pinned to core 1 with taskset when asked; its peak memory from /proc.</summary>
internal sealed class Child : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private Child(Process process) => _process = process;

    public bool PeakResetWorks { get; private set; } = true;

    public static async Task<Child> StartAsync(bool pinned, int port, string file, string[] arguments, string workingDirectory, Func<bool> ready)
    {
        var info = new ProcessStartInfo(pinned ? "taskset" : file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (pinned) { info.ArgumentList.Add("-c"); info.ArgumentList.Add("1"); info.ArgumentList.Add(file); }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var child = new Child(Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}"));
        child._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (child._output) if (child._output.Count < 200) child._output.Add(e.Data); };
        child._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (child._output) if (child._output.Count < 200) child._output.Add(e.Data); };
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (child._process.HasExited)
                throw new InvalidOperationException($"{file} exited with code {child._process.ExitCode}:\n{string.Join('\n', child._output)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                if (ready()) return child;
            }
            catch (SocketException) { }
            await Task.Delay(100);
        }
        child.Dispose();
        throw new TimeoutException($"{file} did not listen on port {port}:\n{string.Join('\n', child._output)}");
    }

    /// <summary>Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs).</summary>
    public void ResetPeak()
    {
        try { File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { PeakResetWorks = false; }
    }

    public double PeakMegabytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { return double.NaN; }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
