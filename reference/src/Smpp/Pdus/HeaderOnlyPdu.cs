using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>enquire_link, unbind, their responses and generic_nack: a header and nothing else.</summary>
public sealed record HeaderOnlyPdu : Pdu
{
    public HeaderOnlyPdu(CommandId commandId)
        : base(commandId)
    {
        if (!IsHeaderOnly(commandId))
        {
            throw new ArgumentException($"{commandId} has a body; use its own PDU type.", nameof(commandId));
        }
    }

    public static bool IsHeaderOnly(CommandId id) =>
        id is CommandId.EnquireLink or CommandId.EnquireLinkResp or CommandId.Unbind or CommandId.UnbindResp or CommandId.GenericNack;

    public static HeaderOnlyPdu GenericNack(CommandStatus status, uint sequenceNumber) =>
        new(CommandId.GenericNack) { Status = status, SequenceNumber = sequenceNumber };

    internal override void WriteBody(PduWriter writer)
    {
    }
}
