using Conformance.Harness.ShortMessages;
using Conformance.Harness.Tests.Esme;
using Smpp.Esme;
using Smpp.Pdus;
using Smpp.Receipts;
using Smpp.Text;

namespace Conformance.Harness.Tests.SmscPeer;

/// <summary>The suite SMSC answers registered_delivery with receipts, and our ESME acts on them (the reference node's use of them: Conformance.Adapters.Reference.Tests).</summary>
public sealed class SuiteSmscReceiptTests
{
    [Test]
    public async Task TheEsmeHearsADeliveredAndAnUndeliverableReceiptForTheIdsItWasGiven()
    {
        await using var smsc = new SuiteSmsc { ReceiptOutcome = s => s.Pdu.DestinationAddress == "13800000002" ? ReceiptState.Undeliverable : ReceiptState.Delivered };
        smsc.Start();
        await using var esme = new EsmeClient(new EsmeOptions(), SmppConnectors.Tcp(smsc.EndPoint));
        var receipts = new List<DeliveryReceipt>();
        esme.ReceiptReceived += r =>
        {
            lock (receipts)
            {
                receipts.Add(r);
            }
        };
        esme.Start();

        var delivered = await esme.SubmitAsync(new OutboundMessage("FZSR", "13800000001", "Blocked {x}", DataCodings.Default) { RequestReceipt = true }).WaitAsync(TimeSpan.FromSeconds(10));
        var lost = await esme.SubmitAsync(new OutboundMessage("FZSR", "13800000002", "已拦截", DataCodings.Ucs2) { RequestReceipt = true }).WaitAsync(TimeSpan.FromSeconds(10));
        var unasked = await esme.SubmitAsync(new OutboundMessage("FZSR", "13800000003", "no receipt", DataCodings.Default)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await Eventually.Until(() => { lock (receipts) { return receipts.Count >= 2; } }), Is.True, "two receipts were asked for");

        lock (receipts)
        {
            Assert.That(receipts.Select(r => (r.MessageId, r.State)), Is.EquivalentTo(new[]
            {
                (delivered.MessageIds[0], ReceiptState.Delivered),
                (lost.MessageIds[0], ReceiptState.Undeliverable),
            }));
        }

        Assert.That(smsc.ReceiptsSent.Select(r => r.MessageId), Does.Not.Contain(unasked.MessageIds[0]));
        Assert.That((await smsc.WaitForMessageAsync("13800000001", TimeSpan.FromSeconds(2)))!.Text, Is.EqualTo("Blocked {x}"));
    }

    [Test]
    public async Task AReceiptScriptedForADestinationReachesTheReceiverLinkOfAnEsmeThatSubmitsOnATransmitterLink()
    {
        await using var smsc = new SuiteSmsc();
        smsc.Start();
        smsc.ScriptReceipt("+8613800000009", ReceiptState.Expired);
        await using var transmitter = new RawEsme();
        await using var receiver = new RawEsme();
        await transmitter.ConnectAsync(smsc.EndPoint);
        await receiver.ConnectAsync(smsc.EndPoint);
        Assert.That(await transmitter.RequestAsync(RawEsme.Bind("")), Is.InstanceOf<BindResponse>());
        Assert.That(await receiver.RequestAsync(new BindRequest(CommandId.BindReceiver) { SystemId = "warner", SequenceNumber = 1 }), Is.InstanceOf<BindResponse>());

        var lost = (ShortMessageResponse)(await transmitter.RequestAsync(RawEsme.Submit("13800000009", "已拦截", 2) with { RegisteredDelivery = DeliveryReceipt.ReceiptRequested }))!;
        var kept = (ShortMessageResponse)(await transmitter.RequestAsync(RawEsme.Submit("13800000008", "已拦截", 3) with { RegisteredDelivery = DeliveryReceipt.ReceiptRequested }))!;
        var first = (ShortMessagePdu)(await receiver.ReadAsync().WaitAsync(TimeSpan.FromSeconds(5)))!;
        var second = (ShortMessagePdu)(await receiver.ReadAsync().WaitAsync(TimeSpan.FromSeconds(5)))!;

        Assert.Multiple(() =>
        {
            Assert.That(DeliveryReceipt.TryRead(first, out var expired), Is.True, "the first deliver_sm is a receipt");
            Assert.That((expired.MessageId, expired.State), Is.EqualTo((lost.MessageId, ReceiptState.Expired)), "scripted for the subscriber, in whatever form it was addressed");
            Assert.That(DeliveryReceipt.TryRead(second, out var delivered), Is.True, "the second deliver_sm is a receipt");
            Assert.That((delivered.MessageId, delivered.State), Is.EqualTo((kept.MessageId, ReceiptState.Delivered)), "other destinations keep the default outcome");
        });
    }
}
