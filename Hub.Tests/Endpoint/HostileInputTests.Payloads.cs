using System.Diagnostics;
using System.Net;
using System.Text;

namespace Hub.Tests.Endpoint;

public sealed partial class HostileInputTests
{
    // ---- the fixed payloads of TestData/hostile ----

    public static IEnumerable<TestCaseData> HostileCases() =>
        s_manifest.Value.Cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(HostileCases))]
    public async Task A_hostile_request_is_a_fault_and_stores_nothing(HostileCase hostile)
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(s_folder, hostile.File));
        var started = Stopwatch.StartNew();
        var answer = await PostAsync(_nl, body, hostile.ContentType, hostile.SoapAction);
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "a hostile request must not take long");

        AssertFault(answer, hostile.ContentType, hostile.Code, hostile.Fault);
        foreach (var secret in hostile.MustNotContain ?? [])
            Assert.That(answer.Text, Does.Not.Contain(secret), "the answer leaks what the payload tried to read or expand");
        await AssertNothingStoredAndStillAnsweringAsync();
    }

    [Test]
    public void The_manifest_and_the_folder_agree()
    {
        var manifest = s_manifest.Value;
        var listed = manifest.Cases.Select(c => c.File).Append(manifest.Control.File).Append("manifest.json").ToHashSet();
        var present = Directory.EnumerateFiles(s_folder).Select(Path.GetFileName).ToHashSet();
        Assert.That(present, Is.EquivalentTo(listed), "every payload file is a case of the manifest, and every case has its file");
        Assert.That(manifest.Cases.Select(c => c.Name), Is.Unique);
        Assert.That(manifest.Cases, Has.All.Matches<HostileCase>(c => c.Fault.Length > 0), "every case says what the fault must say");

        // Distinct certificate numbers: each DeliverEnvelope payload is identifiable should it ever be stored.
        var numbers = manifest.Cases
            .Select(c => File.ReadAllBytes(Path.Combine(s_folder, c.File)))
            .SelectMany(b => System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(b), "HOSTILE-[A-Z0-9-]+").Select(m => m.Value).Distinct())
            .ToList();
        Assert.That(numbers, Is.Unique);
        Assert.That(manifest.Control.Number, Does.Not.StartWith(HostilePrefix));
    }

    // ---- all at once ----

    [Test]
    public async Task All_hostile_payloads_at_once_leave_the_hub_answering_and_storing_nothing()
    {
        var cases = s_manifest.Value.Cases;
        var payloads = cases.ToDictionary(c => c, c => File.ReadAllBytes(Path.Combine(s_folder, c.File)));
        var calls = Enumerable.Range(0, 3).SelectMany(_ => cases)
            .Select(async c => (Case: c, Answer: await PostAsync(_nl, payloads[c], c.ContentType, c.SoapAction)));
        var answers = await Task.WhenAll(calls);
        Assert.Multiple(() =>
        {
            foreach (var (c, answer) in answers)
            {
                Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.InternalServerError), $"{c.Name}: {answer}");
                Assert.That(answer.FaultMessage ?? "(no HubWebException message)", Does.Contain(c.Fault[0]), $"{c.Name}: {answer}");
            }
        });
        await AssertNothingStoredAndStillAnsweringAsync();
    }
}
