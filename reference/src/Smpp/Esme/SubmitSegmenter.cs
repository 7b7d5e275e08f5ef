using Smpp.Codec;
using Smpp.Pdus;
using Smpp.Receipts;
using Smpp.Text;

namespace Smpp.Esme;

/// <summary>Turns a submission into its submit_sm PDUs: one, or several with a user data header sharing a reference number.</summary>
internal sealed class SubmitSegmenter(bool packGsm7)
{
    private int _reference;

    /// <summary>The segments, each encoded once so that a text the codec refuses fails here (<see cref="ArgumentException"/>), not on the link.</summary>
    public List<Segment> Split(Submission submission)
    {
        var message = submission.Message;
        var reference = (byte)Interlocked.Increment(ref _reference);
        var parts = MessageSegmenter.Split(message.Text, message.DataCoding, reference, packGsm7);
        var segments = new List<Segment>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var pdu = new ShortMessagePdu(CommandId.SubmitSm)
            {
                SourceTon = message.SourceTon,
                SourceNpi = message.SourceNpi,
                SourceAddress = message.Source,
                DestinationTon = message.DestinationTon,
                DestinationNpi = message.DestinationNpi,
                DestinationAddress = message.Destination,
                EsmClass = parts[i].HasUserDataHeader ? ShortMessagePdu.UdhIndicator : (byte)0,
                DataCoding = message.DataCoding,
                RegisteredDelivery = message.RequestReceipt ? DeliveryReceipt.ReceiptRequested : (byte)0,
                ShortMessage = parts[i].ShortMessage,
            };
            _ = PduCodec.Encode(pdu);
            segments.Add(new Segment(submission, i, pdu));
        }

        return segments;
    }
}
