using System.Net;
using System.Xml.Linq;
using System.Xml.Schema;
using Hub.Contracts;
using Hub.Contracts.Verification;
using Hub.Service.Security;
using Hub.Tests.Contracts;
using Hub.Tests.Support;

namespace Hub.Tests.Samples;

/// <summary>
/// samples/soap, sent to a real hub exactly as a user sends them with samples/send.sh (the file's SOAPAction, endpoint and
/// participant; the {{hubTrackingNumber}} placeholder replaced by the number of an envelope delivered first): every
/// implemented operation answers as its sample says, without a fault, and every other one with the "not available on
/// this hub yet" fault. The hub has the sample signing certificate registered for NL, as samples/README.md explains,
/// so the signed sample ePhyto that DeliverEnvelope.xml carries is recorded Valid.
/// </summary>
[TestFixture]
public sealed class SampleRequestTests
{
    private const string ShippedNumber = "<hub:NPPOCertificateNumber>NL-2026-000001</hub:NPPOCertificateNumber>";

    /// <summary>The samples whose answer a test below checks; with <see cref="SampleFiles.NotYetAvailable"/>, every file.</summary>
    private static readonly string[] Implemented =
    [
        HubOperations.DeliverEnvelope, HubOperations.ValidateAndDeliverEnvelope, HubOperations.GetEnvelopeTrackingInfo,
        HubOperations.GetUnderDeliveryEnvelope, HubOperations.GetImportEnvelopeHeaders, HubOperations.PULLSingleImportEnvelope,
        HubOperations.PULLImportEnvelope, HubOperations.AcknowledgeEnvelopeReceipt, HubOperations.AdvancedAcknowledgeEnvelopeReceipt,
        HubOperations.AcknowledgeFailedEnvelopeReceipt, HubOperations.GetActiveNppos, HubOperations.GetProfile,
        HubOperations.GetAvailableChannels, VerificationContract.GetVerificationResult,
    ];

    private static IEnumerable<string> NotYetAvailable => SampleFiles.NotYetAvailable;

    private HubProcess _hub = null!;
    private int _deliveries;

    [OneTimeSetUp]
    public async Task StartHub() => _hub = await SampleFiles.StartHubWithSampleSigningCertificateAsync();

    [OneTimeTearDown]
    public async Task StopHub() => await _hub.DisposeAsync();

    // ----- the folder -----

    [Test]
    public void TheSoapFolder_HoldsOneRequestPerOperation_AndGetVerificationResult()
    {
        Assert.That(SampleFiles.SoapSampleNames, Is.EquivalentTo(HubOperations.All.Append(VerificationContract.GetVerificationResult)));
        Assert.That(Implemented.Intersect(NotYetAvailable), Is.Empty);
        Assert.That(Implemented.Concat(NotYetAvailable), Is.EquivalentTo(SampleFiles.SoapSampleNames), "every sample has its expected answer tested here");
    }

    [Test]
    public void EverySample_StatesTheContractsSoapActionAndEndpoint_AndIsItsOperationsValidRequest()
    {
        var schemas = SoapUiProjectTests.CompileSchemas();
        var soapActions = new[] { ContractFiles.OurWsdlPath, Path.Combine(ContractFiles.RepositoryRoot, "wsdl", "VerificationService.wsdl") }
            .SelectMany(path => ContractFiles.LoadXml(path).Root!.Elements(ContractFiles.Wsdl + "binding").Elements(ContractFiles.Wsdl + "operation"))
            .ToDictionary(o => o.Attribute("name")!.Value, o => o.Element(ContractFiles.Soap11 + "operation")!.Attribute("soapAction")!.Value);
        foreach (var name in SampleFiles.SoapSampleNames)
        {
            var sample = SoapSample.Load(name);
            var verification = name == VerificationContract.GetVerificationResult;
            Assert.That(sample.Operation, Is.EqualTo(name), name);
            Assert.That(sample.SoapAction, Is.EqualTo($"\"{soapActions[name]}\""), $"{name}: the WSDL binding's soapAction, quoted");
            Assert.That(sample.Endpoint, Is.EqualTo(verification ? "/hub/VerificationService" : "/hub/DeliveryService"), name);
            Assert.That(sample.Caller, Is.AnyOf("nl", "ke"), name);
            Assert.That(sample.Text, Does.Contain($"samples/send.sh {name}"), $"{name}: the comment says how to send it");

            var body = SoapUiProjectTests.BodyElement(sample.With("0123456789abcdef0123456789abcdef"), out var problem);
            Assert.That(problem, Is.Null, name);
            Assert.That(body!.Name, Is.EqualTo(XName.Get(name, verification ? VerificationContract.Namespace : "http://ephyto.ippc.int/")), name);
            var errors = new List<string>();
            new XDocument(body).Validate(schemas, (_, e) => errors.Add(e.Message));
            Assert.That(errors, Is.Empty, $"{name}: {string.Join("\n", errors)}");
        }
    }

    // ----- sending -----

    [Test]
    public async Task DeliverEnvelope_AsShipped_IsQueuedForKe_AndAResendGetsTheSameHeader()
    {
        var sample = SoapSample.Load(HubOperations.DeliverEnvelope);

        var answer = await sample.SendAsync(_hub);
        AssertAnswered(answer, "DeliverEnvelopeResult");
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), answer.ToString());
        Assert.That(answer.Value("From"), Is.EqualTo("NL"));
        Assert.That(answer.Value("To"), Is.EqualTo("KE"));
        Assert.That(answer.Value("hubDeliveryNumber"), Does.Match("^[0-9a-f]{32}$"));

        var resend = await sample.SendAsync(_hub);
        Assert.That(resend.Value("hubDeliveryNumber"), Is.EqualTo(answer.Value("hubDeliveryNumber")), "an exact resend is not queued twice");
    }

    [Test]
    public async Task ValidateAndDeliverEnvelope_AsShipped_IsQueuedForKe()
    {
        var answer = await SoapSample.Load(HubOperations.ValidateAndDeliverEnvelope).SendAsync(_hub);
        AssertAnswered(answer, "ValidateAndDeliverEnvelopeResult");
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), answer.ToString());
        Assert.That(answer.Value("NPPOCertificateNumber"), Is.EqualTo("NL-2026-000002"));
    }

    [Test]
    public async Task GetEnvelopeTrackingInfo_OfAFreshDelivery_IsPendingDelivery()
    {
        var number = await DeliverFreshAsync();
        var answer = await SoapSample.Load(HubOperations.GetEnvelopeTrackingInfo).SendAsync(_hub, number);
        AssertAnswered(answer, "GetEnvelopeTrackingInfoResult");
        Assert.That(answer.Value("hubDeliveryNumber"), Is.EqualTo(number));
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"));
    }

    [Test]
    public async Task GetUnderDeliveryEnvelope_ListsNlsPendingEnvelope()
    {
        var number = await DeliverFreshAsync();
        var answer = await SoapSample.Load(HubOperations.GetUnderDeliveryEnvelope).SendAsync(_hub);
        AssertAnswered(answer, "GetUnderDeliveryEnvelopeResult");
        Assert.That(answer.All("hubDeliveryNumber").Select(e => e.Value), Does.Contain(number));
    }

    [Test]
    public async Task GetImportEnvelopeHeaders_ListsTheEnvelopeForKe()
    {
        var number = await DeliverFreshAsync();
        var answer = await SoapSample.Load(HubOperations.GetImportEnvelopeHeaders).SendAsync(_hub);
        AssertAnswered(answer, "GetImportEnvelopeHeadersResult");
        Assert.That(answer.All("hubDeliveryNumber").Select(e => e.Value), Does.Contain(number));
        Assert.That(answer.All("From").Select(e => e.Value), Is.All.EqualTo("NL"), "the sample asks for the envelopes from NL");
    }

    [Test]
    public async Task PULLSingleImportEnvelope_ReturnsTheSignedSampleEPhyto_ExactlyAsNlSentIt()
    {
        var number = await DeliverFreshAsync();
        var answer = await SoapSample.Load(HubOperations.PULLSingleImportEnvelope).SendAsync(_hub, number);
        AssertAnswered(answer, "PULLSingleImportEnvelopeResult");
        Assert.That(answer.Value("hubDeliveryNumber"), Is.EqualTo(number));
        // (An XML parser reads any line end as LF, in CDATA too: compare with LF line ends whatever the checkout has.)
        Assert.That(answer.Value("Content"), Is.EqualTo(SampleFiles.Read(SampleFiles.SignedEPhyto).ReplaceLineEndings("\n").TrimEnd('\n')));
    }

    [Test]
    public async Task PULLImportEnvelope_ReturnsKesPendingEnvelopes()
    {
        await DeliverFreshAsync();
        var answer = await SoapSample.Load(HubOperations.PULLImportEnvelope).SendAsync(_hub);
        AssertAnswered(answer, "PULLImportEnvelopesResult");
        Assert.That(answer.All("Envelope"), Is.Not.Empty);
        Assert.That(answer.All("To").Select(e => e.Value), Is.All.EqualTo("KE"));
    }

    [Test]
    public async Task AcknowledgeEnvelopeReceipt_MakesTheEnvelopeDelivered_ForNl()
    {
        var number = await DeliverFreshAsync();
        var answer = await SoapSample.Load(HubOperations.AcknowledgeEnvelopeReceipt).SendAsync(_hub, number);
        AssertAnswered(answer, "AcknowledgeEnvelopeReceiptResponse");
        Assert.That((await TrackAsync(number)).Value("HUBTrackingInfo"), Is.EqualTo("Delivered"));
    }

    [Test]
    public async Task AdvancedAcknowledgeEnvelopeReceipt_MakesTheEnvelopeDeliveredWithWarnings_WithTheSamplesWarning()
    {
        var number = await DeliverFreshAsync();
        var sample = SoapSample.Load(HubOperations.AdvancedAcknowledgeEnvelopeReceipt);
        var answer = await sample.SendAsync(_hub, number);
        AssertAnswered(answer, "AdvancedAcknowledgeEnvelopeReceiptResponse");
        Assert.That(answer.Value("return"), Is.EqualTo("DeliveredWithWarnings"));
        var tracked = await TrackAsync(number);
        Assert.That(tracked.Value("HUBTrackingInfo"), Is.EqualTo("DeliveredWithWarnings"));
        Assert.That(tracked.Value("hubDeliveryErrorMessage"), Is.EqualTo(ElementOf(sample, "warningMessage")));
    }

    [Test]
    public async Task AcknowledgeFailedEnvelopeReceipt_MakesTheEnvelopeDeliveredNotReadable_WithTheSamplesMessage()
    {
        var number = await DeliverFreshAsync();
        var sample = SoapSample.Load(HubOperations.AcknowledgeFailedEnvelopeReceipt);
        var answer = await sample.SendAsync(_hub, number);
        AssertAnswered(answer, "AcknowledgeFailedEnvelopeReceiptResponse");
        Assert.That(answer.Value("return"), Is.EqualTo("DeliveredNotReadable"));
        var tracked = await TrackAsync(number);
        Assert.That(tracked.Value("HUBTrackingInfo"), Is.EqualTo("DeliveredNotReadable"));
        Assert.That(tracked.Value("hubDeliveryErrorMessage"), Is.EqualTo(ElementOf(sample, "message")));
    }

    [TestCase(HubOperations.GetActiveNppos, "Nppo")]
    [TestCase(HubOperations.GetProfile, "GetProfileResult")]
    [TestCase(HubOperations.GetAvailableChannels, "Channel")]
    public async Task DirectorySample_AnswersWithTheDirectory(string operation, string element)
    {
        var answer = await SoapSample.Load(operation).SendAsync(_hub);
        AssertAnswered(answer, operation + "Response");
        Assert.That(answer.All(element), Is.Not.Empty, answer.ToString());
    }

    [Test]
    public async Task GetVerificationResult_OfTheSignedSampleEPhyto_IsValid_SignedByTheSampleCertificate()
    {
        var number = await DeliverFreshAsync();
        var answer = await SoapSample.Load(VerificationContract.GetVerificationResult).SendAsync(_hub, number);
        AssertAnswered(answer, "VerificationResult");
        using var certificate = SampleFiles.SampleSigningCertificate();
        Assert.That(answer.Value("verdict"), Is.EqualTo("Valid"), answer.ToString());
        Assert.That(answer.Value("signerThumbprint"), Is.EqualTo(EnvelopeSignatureVerifier.Thumbprint(certificate)));
        Assert.That(answer.Value("signerSubject"), Does.Contain("Hub sample document signing"));
    }

    [TestCaseSource(nameof(NotYetAvailable))]
    public async Task NotYetImplementedOperation_AnswersTheNotAvailableFault(string operation)
    {
        var sample = SoapSample.Load(operation);
        var answer = await sample.SendAsync(_hub, sample.NeedsNumber ? await DeliverFreshAsync() : null);
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.InternalServerError), answer.ToString());
        Assert.That(answer.FaultMessage, Is.EqualTo($"The operation {operation} is not available on this hub yet."), answer.ToString());
    }

    [Test]
    public async Task SendSh_SendsASample_WithTheNumberGiven_AndSaysWhatWentWrong()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("samples/send.sh is a POSIX shell script");
        if (!(Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "curl"))))
            Assert.Ignore("curl is not installed: samples/send.sh needs it");

        var delivered = await SendShAsync("DeliverEnvelope");
        Assert.That(delivered.ExitCode, Is.EqualTo(0), delivered.ToString());
        var number = XDocument.Parse(delivered.Output).Descendants().Single(e => e.Name.LocalName == "hubDeliveryNumber").Value;

        var tracked = await SendShAsync("GetEnvelopeTrackingInfo", "NL", number);
        Assert.That(tracked.ExitCode, Is.EqualTo(0), tracked.ToString());
        Assert.That(tracked.Output, Does.Contain($"<ns3:hubDeliveryNumber>{number}</ns3:hubDeliveryNumber>"));
        Assert.That(tracked.Errors, Does.Contain("HTTP 200 (GetEnvelopeTrackingInfo as nl)"));

        var fault = await SendShAsync(HubOperations.GetPesticides);
        Assert.That(fault.ExitCode, Is.EqualTo(1), "a fault is a failure");
        Assert.That(fault.Output, Does.Contain("The operation GetPesticides is not available on this hub yet."));

        var noNumber = await SendShAsync(HubOperations.PULLSingleImportEnvelope);
        Assert.That(noNumber.ExitCode, Is.EqualTo(2));
        Assert.That(noNumber.Errors, Does.Contain("needs a hubTrackingNumber"));
        Assert.That((await SendShAsync("NoSuchOperation")).ExitCode, Is.EqualTo(2));
        Assert.That((await SendShAsync("GetEnvelopeTrackingInfo", "nl", "not a number")).ExitCode, Is.EqualTo(2), "NUMBER is checked before use");
    }

    // ----- helpers -----

    private sealed record ScriptRun(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\n{Errors}\n{Output}";
    }

    /// <summary>Runs samples/send.sh against this fixture's hub (HUB_URL, HUB_CERTS) as a user runs it.</summary>
    private async Task<ScriptRun> SendShAsync(params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ContractFiles.RepositoryRoot,
        };
        info.ArgumentList.Add(Path.Combine("samples", "send.sh"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["HUB_URL"] = _hub.BaseAddress.ToString().TrimEnd('/');
        info.Environment["HUB_CERTS"] = _hub.CertificatesDirectory;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ScriptRun(process.ExitCode, await output, await errors);
    }

    /// <summary>
    /// Sends DeliverEnvelope.xml with a certificate number of its own (an exact resend would return the first delivery):
    /// a pending envelope from NL to KE carrying the signed sample ePhyto. Returns its hubDeliveryNumber.
    /// </summary>
    private async Task<string> DeliverFreshAsync()
    {
        var certificateNumber = $"NL-2026-000001-{Interlocked.Increment(ref _deliveries)}";
        var answer = await SoapSample.Load(HubOperations.DeliverEnvelope)
            .SendAsync(_hub, edit: (ShippedNumber, $"<hub:NPPOCertificateNumber>{certificateNumber}</hub:NPPOCertificateNumber>"));
        Assert.That(answer.Value("HUBTrackingInfo"), Is.EqualTo("PendingDelivery"), answer.ToString());
        return answer.Value("hubDeliveryNumber")!;
    }

    private Task<SoapAnswer> TrackAsync(string number) => SoapSample.Load(HubOperations.GetEnvelopeTrackingInfo).SendAsync(_hub, number);

    private static string ElementOf(SoapSample sample, string localName) =>
        XDocument.Parse(sample.Text).Descendants().Single(e => e.Name.LocalName == localName).Value;

    private static void AssertAnswered(SoapAnswer answer, string resultElement)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.IsFault, Is.False, answer.ToString());
        Assert.That(answer.Find(resultElement), Is.Not.Null, $"no {resultElement} in the answer:\n{answer}");
    }
}
