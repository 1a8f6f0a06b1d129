using System.Collections.Concurrent;
using System.Xml.Linq;
using Hub.Tests.Support;
using static Hub.Tests.Support.SoapTestClient;

namespace Hub.Tests.Endpoint;

/// <summary>What the store promises under crashes and concurrency, shown on the real process.</summary>
public sealed class DurabilityTests
{
    /// <summary>
    /// Once DeliverEnvelope has answered with a delivery number, a SIGKILL of the hub loses nothing: after a restart
    /// every answered delivery is there exactly once.
    /// </summary>
    [Test]
    public async Task EveryAnsweredDelivery_SurvivesASigkill()
    {
        await using var hub = await HubProcess.StartAsync();
        var answered = new ConcurrentBag<string>();
        using (var nl = new SoapTestClient(hub, "NL"))
        {
            // Four senders in parallel; the hub is killed while requests are still in flight.
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 4).Select(async worker =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var answer = await nl.CallAsync(DeliverEnvelope("NL", "KE", $"DUR-{worker}-{i}", $"<c n=\"{i}\"/>"));
                        if (answer.Value("hubDeliveryNumber") is { Length: > 0 } number) answered.Add(number);
                    }
                    catch (HttpRequestException)
                    {
                        return; // the hub is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            }).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (answered.Count < 300 && DateTime.UtcNow < deadline && senders.All(t => !t.IsCompleted)) await Task.Delay(20);
            Assert.That(answered, Has.Count.GreaterThanOrEqualTo(300), "the hub answered too few deliveries before the kill:\n" + hub.Output);
            hub.Kill();
            stop.Cancel();
            await Task.WhenAll(senders);
        }

        await hub.RestartAsync();
        using var ke = new SoapTestClient(hub, "KE");
        var listed = (await ke.CallAsync(Empty("GetImportEnvelopeHeaders"))).All("hubDeliveryNumber").Select(e => e.Value).ToList();
        Assert.That(listed, Is.Unique);
        Assert.That(listed, Is.SupersetOf(answered), $"{answered.Count} answered deliveries, {listed.Count} found after the restart");
    }

    /// <summary>
    /// Concurrent pulls by the recipient never hand out an envelope whose acknowledgement had completed before the
    /// pull started.
    /// </summary>
    [Test]
    public async Task ConcurrentPulls_NeverHandOutAnAcknowledgedEnvelope()
    {
        await using var hub = await HubProcess.StartAsync();
        using var nl = new SoapTestClient(hub, "NL");
        using var ke = new SoapTestClient(hub, "KE");
        var numbers = new List<string>();
        for (var i = 0; i < 40; i++)
            numbers.Add((await nl.CallAsync(DeliverEnvelope("NL", "KE", $"CP-{i}", "<c/>"))).Value("hubDeliveryNumber")!);

        var acknowledgedAt = new ConcurrentDictionary<string, long>();
        var violations = new ConcurrentBag<string>();
        using var done = new CancellationTokenSource();
        var pullers = Enumerable.Range(0, 3).Select(async _ =>
        {
            while (!done.IsCancellationRequested)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var answer = await ke.CallAsync(Empty("PULLImportEnvelope"));
                foreach (var n in answer.All("hubDeliveryNumber").Select(e => e.Value))
                {
                    if (acknowledgedAt.TryGetValue(n, out var at) && at < started) violations.Add(n);
                }
            }
        }).ToList();

        foreach (var number in numbers)
        {
            var ack = await ke.CallAsync(WithNumber("AcknowledgeEnvelopeReceipt", number));
            Assert.That(ack.IsFault, Is.False, ack.ToString());
            acknowledgedAt[number] = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        done.Cancel();
        await Task.WhenAll(pullers);

        Assert.That(violations, Is.Empty);
        var left = await ke.CallAsync(Empty("PULLImportEnvelope"));
        Assert.That(left.All("Envelope").Where(e => e.Name.Namespace == Entities), Is.Empty);
    }
}
