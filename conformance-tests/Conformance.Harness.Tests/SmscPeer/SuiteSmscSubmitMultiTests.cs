using Conformance.Harness.ShortMessages;
using Smpp.Pdus;
using Smpp.Receipts;
using Smpp.Text;

namespace Conformance.Harness.Tests.SmscPeer;

/// <summary>The suite SMSC takes a submit_multi (SMPP 3.4 §4.5) as one message per SME address and names what it refused in unsuccess_sme.</summary>
public sealed class SuiteSmscSubmitMultiTests
{
    private static SubmitMultiPdu Multi(uint sequence, params MultiDestination[] destinations) => new()
    {
        SequenceNumber = sequence,
        Message = new ShortMessagePdu(CommandId.SubmitSm)
        {
            SourceAddress = "FZSR",
            RegisteredDelivery = DeliveryReceipt.ReceiptRequested,
            DataCoding = DataCodings.Ucs2,
            ShortMessage = ShortMessageText.Encode("【参考网络】已为您拦截", DataCodings.Ucs2),
        },
        Destinations = destinations,
    };

    [Test]
    public async Task EachSmeAddressIsAMessageAndTheRefusedAndTheListsComeBackAsUnsuccessful()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        smsc.RefuseDestination("+8613800000003", CommandStatus.InvalidDestinationAddress);
        smsc.ScriptReceipt("13800000002", ReceiptState.Undeliverable);
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);
        await esme.RequestAsync(new BindRequest(CommandId.BindTransceiver) { SystemId = "warner", SequenceNumber = 1 });

        var answer = (SubmitMultiResponse)(await esme.RequestAsync(Multi(2,
            MultiDestination.Sme("13800000001", 1, 1),
            MultiDestination.Sme("13800000002", 1, 1),
            MultiDestination.Sme("13800000003", 1, 1),
            MultiDestination.DistributionList("all-callees"))))!;
        var receipts = new[] { await esme.ReadAsync(), await esme.ReadAsync() }.Cast<ShortMessagePdu>().ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(answer.Status, Is.EqualTo(CommandStatus.Ok));
            Assert.That(answer.MessageId, Is.Not.Empty);
            Assert.That(answer.Unsuccessful, Is.EqualTo(new[]
            {
                new UnsuccessfulDestination("all-callees", CommandStatus.InvalidDistributionListName),
                new UnsuccessfulDestination("13800000003", CommandStatus.InvalidDestinationAddress, 1, 1),
            }));
            Assert.That(smsc.Submissions.Select(s => s.Destination), Is.EqualTo(new[] { "13800000001", "13800000002" }));
            Assert.That((await smsc.WaitForMessageAsync("13800000001", TimeSpan.FromSeconds(2)))?.Text, Is.EqualTo("【参考网络】已为您拦截"));
            Assert.That((await smsc.WaitForMessageAsync("13800000003", TimeSpan.FromMilliseconds(100)))?.Text, Is.Null, "a refused destination gets nothing");
            Assert.That(receipts.Select(r => (r.SourceAddress, DeliveryReceipt.TryRead(r, out var receipt) ? receipt : null)), Is.EqualTo(new[]
            {
                ("13800000001", new DeliveryReceipt(answer.MessageId, ReceiptState.Delivered)),
                ("13800000002", new DeliveryReceipt(answer.MessageId, ReceiptState.Undeliverable, "001")),
            }), "one receipt per accepted destination, each under the message id the submit_multi got");
        });
    }

    [Test]
    public async Task BeforeABindASubmitMultiIsRefusedAndNotRecorded()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);

        var answer = await esme.RequestAsync(Multi(5, MultiDestination.Sme("13800000001")));

        Assert.That(answer, Is.EqualTo(new SubmitMultiResponse { Status = CommandStatus.IncorrectBindStatus, SequenceNumber = 5 }));
        Assert.That(smsc.Submissions, Is.Empty);
    }

    [Test]
    public async Task AScriptedThrottleAnswersTheWholeSubmitMulti()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        smsc.Script(SmscAnswer.Throttle);
        await using var esme = new RawEsme();
        await esme.ConnectAsync(smsc.EndPoint);
        await esme.RequestAsync(RawEsme.Bind(""));

        var throttled = await esme.RequestAsync(Multi(2, MultiDestination.Sme("13800000001"), MultiDestination.Sme("13800000002")));
        var accepted = (SubmitMultiResponse)(await esme.RequestAsync(Multi(3, MultiDestination.Sme("13800000001"), MultiDestination.Sme("13800000002"))))!;

        Assert.That(throttled!.Status, Is.EqualTo(CommandStatus.Throttled));
        Assert.That(accepted.Unsuccessful, Is.Empty);
        Assert.That(smsc.Messages.Select(m => m.Destination), Is.EquivalentTo(new[] { "13800000001", "13800000002" }), "only the accepted submit_multi reaches anyone");
    }
}
