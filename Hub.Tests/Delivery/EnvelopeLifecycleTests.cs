using Hub.Data;
using Hub.Service;
using Hub.Service.Delivery;
using Microsoft.Extensions.Options;
using Moq;

namespace Hub.Tests.Delivery;

/// <summary>The lifecycle's rules, against a mocked store: who may do what, and what a refusal says.</summary>
public sealed class EnvelopeLifecycleTests
{
    private static readonly ParticipantRecord s_kenya = new() { Code = "KE", Name = "KE" };
    private Mock<IEnvelopeStore> _store = null!;

    [SetUp]
    public void CreateStore() => _store = new Mock<IEnvelopeStore>(MockBehavior.Strict);

    private EnvelopeLifecycle Lifecycle() => new(_store.Object, Options.Create(new HubOptions()));

    private static EnvelopeRow Row(string to, string status) => new()
    {
        DeliveryNumber = "n1", FromCode = "NL", ToCode = to, CertificateNumber = "C1", Status = status,
    };

    [Test]
    public void ASecondAcknowledgement_IsRefusedAsFinal_AndNamesTheCurrentState()
    {
        _store.Setup(s => s.TransitionAsync("n1", "KE", EnvelopeStatuses.PendingDelivery, EnvelopeStatuses.Delivered, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);
        _store.Setup(s => s.FindAsync("n1", It.IsAny<CancellationToken>())).ReturnsAsync(Row("KE", EnvelopeStatuses.DeliveredWithWarnings));

        Assert.That(async () => await Lifecycle().AcknowledgeAsync("n1", s_kenya, CancellationToken.None),
            Throws.TypeOf<HubException>().With.Message.Contains("no longer pending (DeliveredWithWarnings)"));
    }

    [Test]
    public void AcknowledgingAnotherRecipientsEnvelope_SaysNothingAboutIt()
    {
        _store.Setup(s => s.TransitionAsync("n1", "KE", It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(false);
        _store.Setup(s => s.FindAsync("n1", It.IsAny<CancellationToken>())).ReturnsAsync(Row("US", EnvelopeStatuses.PendingDelivery));

        Assert.That(async () => await Lifecycle().AcknowledgeAsync("n1", s_kenya, CancellationToken.None),
            Throws.TypeOf<HubException>().With.Message.EqualTo("Envelope n1 does not exist or is not addressed to KE."));
    }

    [Test]
    public void AnAdvancedAcknowledgementWithoutWarning_IsRefusedBeforeTouchingTheStore()
    {
        Assert.That(async () => await Lifecycle().AcknowledgeWithWarningsAsync("n1", null, s_kenya, CancellationToken.None),
            Throws.TypeOf<HubException>().With.Message.EqualTo("warningMessage is required."));
        _store.VerifyNoOtherCalls();
    }

    [Test]
    public async Task TrackingBySomeoneOtherThanTheSender_IsEnvelopeNotExists()
    {
        _store.Setup(s => s.FindAsync("n1", It.IsAny<CancellationToken>())).ReturnsAsync(Row("KE", EnvelopeStatuses.PendingDelivery));
        var header = await Lifecycle().TrackAsync("n1", s_kenya, CancellationToken.None);
        Assert.That(header.HubTrackingInfo, Is.EqualTo("EnvelopeNotExists"));
        Assert.That(header.From, Is.Empty);
    }
}
