using System.Text.Json.Nodes;
using Hub.Tests.Support;
using static Hub.Tests.Support.SoapTestClient;

namespace Hub.Tests.Endpoint;

/// <summary>What an operator's settings do to callers: the participants file, pull bounds, https only.</summary>
public sealed class OperatorSettingsTests
{
    [Test]
    public async Task TheParticipantsFileIsAuthoritative_ARemovedParticipantLosesAccess_AndResendsStayIdempotent()
    {
        await using var hub = await HubProcess.StartAsync();
        string first;
        using (var nl = new SoapTestClient(hub, "NL"))
            first = (await nl.CallAsync(DeliverEnvelope("NL", "KE", "OPS-1", "<c/>"))).Value("hubDeliveryNumber")!;

        // The operator removes US and deactivates KE, then restarts the hub.
        var file = Path.Combine(hub.DataDirectory, "participants.json");
        var json = JsonNode.Parse(File.ReadAllText(file))!;
        var list = json["participants"]!.AsArray();
        list.Remove(list.Single(p => p!["code"]!.GetValue<string>() == "US"));
        list.Single(p => p!["code"]!.GetValue<string>() == "KE")!["active"] = false;
        File.WriteAllText(file, json.ToJsonString());
        hub.Kill();
        await hub.RestartAsync();

        using var us = new SoapTestClient(hub, "US");
        Assert.That((await us.CallAsync(Empty("GetProfile"))).FaultMessage, Is.EqualTo("NPPO from client certificate not found"));

        using var nlAgain = new SoapTestClient(hub, "NL");
        var resend = await nlAgain.CallAsync(DeliverEnvelope("NL", "KE", "OPS-1", "<c/>"));
        Assert.That(resend.Value("hubDeliveryNumber"), Is.EqualTo(first), "an exact resend still gets the first delivery's header");
        var fresh = await nlAgain.CallAsync(DeliverEnvelope("NL", "KE", "OPS-2", "<c/>"));
        Assert.That(fresh.Value("hubDeliveryErrorMessage"), Does.Contain("not an active participant"), fresh.ToString());
    }

    [Test]
    public async Task PullImportEnvelope_StopsAtTheContentBudget_ButAlwaysReturnsOne()
    {
        await using var hub = await HubProcess.StartAsync(extraArgs: "--Hub:MaxPullResponseChars=1000");
        using var nl = new SoapTestClient(hub, "NL");
        using var ke = new SoapTestClient(hub, "KE");
        var big = "<c>" + new string('x', 1500) + "</c>";
        for (var i = 0; i < 3; i++)
            Assert.That((await nl.CallAsync(DeliverEnvelope("NL", "KE", $"BIG-{i}", big))).Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"));
        var small = await nl.CallAsync(DeliverEnvelope("NL", "KE", "SMALL", "<c/>"));

        var pulled = await ke.CallAsync(Empty("PULLImportEnvelope"));
        var numbers = pulled.All("hubDeliveryNumber").Select(e => e.Value).ToList();
        Assert.That(numbers, Has.Count.EqualTo(1), "one envelope over the budget still comes, alone");

        foreach (var n in numbers) await ke.CallAsync(WithNumber("AcknowledgeEnvelopeReceipt", n));
        var headers = await ke.CallAsync(Empty("GetImportEnvelopeHeaders"));
        Assert.That(headers.All("hubDeliveryNumber").Select(e => e.Value), Does.Contain(small.Value("hubDeliveryNumber")), "the rest wait for the next pull");
    }

    [Test]
    public void APlainHttpAddress_IsRefusedAtStartup()
    {
        var port = HubProcess.FreeTcpPort();
        var error = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var hub = await HubProcess.StartAsync(extraArgs: $"--urls=http://127.0.0.1:{port}");
        });
        Assert.That(error!.Message, Does.Contain("listens only on https"));
    }
}
