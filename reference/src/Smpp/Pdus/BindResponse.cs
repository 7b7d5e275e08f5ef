using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>The answer to a bind; an SMSC refusing a bind may leave the body empty.</summary>
public sealed record BindResponse : Pdu
{
    public BindResponse(CommandId commandId)
        : base(commandId)
    {
        if (commandId is not (CommandId.BindTransmitterResp or CommandId.BindReceiverResp or CommandId.BindTransceiverResp))
        {
            throw new ArgumentException($"{commandId} is not a bind response.", nameof(commandId));
        }
    }

    public string SystemId { get; init; } = "";

    internal override void WriteBody(PduWriter writer) => writer.CString(SystemId, FieldLimits.SystemId, nameof(SystemId));

    internal static BindResponse Read(CommandId id, ref PduReader reader) => new(id)
    {
        SystemId = reader.Remaining == 0 ? "" : reader.CString(FieldLimits.SystemId, "system_id"),
    };
}
