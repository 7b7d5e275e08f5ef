using Smpp.Pdus;

namespace Smpp.Codec;

/// <summary>
/// A PDU the decoder refused, with what to answer: <see cref="ResponseCommandId"/> with <see cref="Status"/>
/// and the offending sequence number. A fatal rejection means the frame boundary itself is lost, so the
/// link must be closed after answering.
/// </summary>
public sealed record PduRejection(
    PduRejectReason Reason,
    string Detail,
    uint RawCommandId,
    uint SequenceNumber,
    CommandStatus Status,
    CommandId ResponseCommandId,
    bool IsFatal)
{
    /// <summary>The PDU to send back to the peer that sent the malformed one.</summary>
    public Pdu Answer() => ResponseCommandId switch
    {
        CommandId.SubmitSmResp or CommandId.DeliverSmResp => new ShortMessageResponse(ResponseCommandId) { Status = Status, SequenceNumber = SequenceNumber },
        CommandId.SubmitMultiResp => new SubmitMultiResponse { Status = Status, SequenceNumber = SequenceNumber },
        CommandId.BindTransmitterResp or CommandId.BindReceiverResp or CommandId.BindTransceiverResp => new BindResponse(ResponseCommandId) { Status = Status, SequenceNumber = SequenceNumber },
        CommandId.EnquireLinkResp or CommandId.UnbindResp => new HeaderOnlyPdu(ResponseCommandId) { Status = Status, SequenceNumber = SequenceNumber },
        _ => HeaderOnlyPdu.GenericNack(Status, SequenceNumber),
    };
}
