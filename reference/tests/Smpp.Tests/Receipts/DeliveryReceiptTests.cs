using System.Text;
using Smpp.Codec;
using Smpp.Pdus;
using Smpp.Receipts;

namespace Smpp.Tests.Receipts;

/// <summary>Delivery receipts read from TLVs or from the Appendix B text, written with both, and only when asked for.</summary>
public sealed class DeliveryReceiptTests
{
    private static readonly ShortMessagePdu Submit = new(CommandId.SubmitSm) { SourceAddress = "FZSR", SourceTon = 5, DestinationAddress = "13800138000", DestinationTon = 1, DestinationNpi = 1 };

    [TestCase(ReceiptState.Delivered, "DELIVRD")]
    [TestCase(ReceiptState.Undeliverable, "UNDELIV")]
    [TestCase(ReceiptState.Expired, "EXPIRED")]
    public void AWrittenReceiptReadsBackAfterTheWire(ReceiptState state, string word)
    {
        var at = new DateTimeOffset(2026, 11, 28, 23, 0, 0, TimeSpan.Zero);
        var deliver = new DeliveryReceipt("0000002a", state).ToDeliverSm(Submit, at, at) with { SequenceNumber = 7 };

        var decoded = (ShortMessagePdu)PduCodec.Decode(PduCodec.Encode(deliver)).Pdu!;

        Assert.Multiple(() =>
        {
            Assert.That(decoded.DestinationAddress, Is.EqualTo("FZSR"), "the receipt goes back to the sender");
            Assert.That(Encoding.ASCII.GetString(decoded.ShortMessage.Span), Does.StartWith("id:0000002a ").And.Contain($"stat:{word}"));
            Assert.That(DeliveryReceipt.TryRead(decoded, out var receipt), Is.True);
            Assert.That(receipt.MessageId, Is.EqualTo("0000002a"));
            Assert.That(receipt.State, Is.EqualTo(state));
        });
    }

    [Test]
    public void AReceiptWithOnlyTheTextIsRead()
    {
        var deliver = new ShortMessagePdu(CommandId.DeliverSm)
        {
            EsmClass = 0x04,
            ShortMessage = Encoding.ASCII.GetBytes("id:node-3 sub:001 dlvrd:000 submit date:2611282300 done date:2611282301 stat:UNDELIV err:011 text:hello"),
        };

        Assert.That(DeliveryReceipt.TryRead(deliver, out var receipt), Is.True);
        Assert.That(receipt, Is.EqualTo(new DeliveryReceipt("node-3", ReceiptState.Undeliverable, "011")));
        Assert.That(receipt.IsFailure, Is.True);
    }

    [Test]
    public void AMobileOriginatedMessageIsNoReceipt()
    {
        var deliver = new ShortMessagePdu(CommandId.DeliverSm) { EsmClass = 0x00, ShortMessage = Encoding.ASCII.GetBytes("id:1 stat:DELIVRD") };

        Assert.That(DeliveryReceipt.TryRead(deliver, out _), Is.False);
    }

    [Test]
    public void AReceiptThatNamesNoStateIsNotTakenForOne()
    {
        var deliver = new ShortMessagePdu(CommandId.DeliverSm) { EsmClass = 0x04, ShortMessage = Encoding.ASCII.GetBytes("id:1 sub:001") };

        Assert.That(DeliveryReceipt.TryRead(deliver, out _), Is.False);
    }

    [TestCase((byte)0x00, false, false)]
    [TestCase((byte)0x01, false, true)]
    [TestCase((byte)0x01, true, true)]
    [TestCase((byte)0x02, false, false)]
    [TestCase((byte)0x02, true, true)]
    public void RegisteredDeliverySaysWhenAReceiptIsWanted(byte registeredDelivery, bool failed, bool wanted) =>
        Assert.That(DeliveryReceipt.Wanted(registeredDelivery, failed), Is.EqualTo(wanted));
}
