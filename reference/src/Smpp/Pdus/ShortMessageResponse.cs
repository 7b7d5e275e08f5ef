using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>submit_sm_resp or deliver_sm_resp; an error response may carry no body at all.</summary>
public sealed record ShortMessageResponse : Pdu
{
    public ShortMessageResponse(CommandId commandId)
        : base(commandId)
    {
        if (commandId is not (CommandId.SubmitSmResp or CommandId.DeliverSmResp))
        {
            throw new ArgumentException($"{commandId} is not submit_sm_resp or deliver_sm_resp.", nameof(commandId));
        }
    }

    public string MessageId { get; init; } = "";

    internal override void WriteBody(PduWriter writer) => writer.CString(MessageId, FieldLimits.MessageId, nameof(MessageId));

    internal static ShortMessageResponse Read(CommandId id, ref PduReader reader) => new(id)
    {
        MessageId = reader.Remaining == 0 ? "" : reader.CString(FieldLimits.MessageId, "message_id"),
    };
}
