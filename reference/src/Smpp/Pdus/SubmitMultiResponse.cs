using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>
/// submit_multi_resp (SMPP 3.4 §4.5.2): the message id the SMSC gave, and each destination it did not accept with the
/// error for it (unsuccess_sme). An error status for the whole PDU may come with no body at all.
/// </summary>
public sealed record SubmitMultiResponse : Pdu
{
    public SubmitMultiResponse()
        : base(CommandId.SubmitMultiResp)
    {
    }

    public string MessageId { get; init; } = "";

    public IReadOnlyList<UnsuccessfulDestination> Unsuccessful { get; init; } = [];

    public bool Equals(SubmitMultiResponse? other) =>
        base.Equals(other) && MessageId == other.MessageId && Unsuccessful.SequenceEqual(other.Unsuccessful);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), MessageId, Unsuccessful.Count);

    internal override void WriteBody(PduWriter writer)
    {
        if (Unsuccessful.Count > FieldLimits.Destinations)
        {
            throw new ArgumentException($"submit_multi_resp names {Unsuccessful.Count} unsuccessful destinations; a submit_multi has at most {FieldLimits.Destinations}.");
        }

        writer.CString(MessageId, FieldLimits.MessageId, nameof(MessageId));
        writer.Byte((byte)Unsuccessful.Count);
        foreach (var failed in Unsuccessful)
        {
            writer.Byte(failed.Ton);
            writer.Byte(failed.Npi);
            writer.CString(failed.Address, FieldLimits.Address, "destination_addr");
            writer.UInt32((uint)failed.Error);
        }
    }

    internal static SubmitMultiResponse Read(ref PduReader reader)
    {
        if (reader.Remaining == 0)
        {
            return new SubmitMultiResponse();
        }

        var messageId = reader.CString(FieldLimits.MessageId, "message_id");
        var count = reader.Remaining == 0 ? 0 : reader.Byte("no_unsuccess");
        var unsuccessful = new List<UnsuccessfulDestination>(count);
        for (var i = 0; i < count; i++)
        {
            var ton = reader.Byte("dest_addr_ton");
            var npi = reader.Byte("dest_addr_npi");
            var address = reader.CString(FieldLimits.Address, "destination_addr");
            unsuccessful.Add(new UnsuccessfulDestination(address, (CommandStatus)reader.UInt32("error_status_code"), ton, npi));
        }

        return new SubmitMultiResponse { MessageId = messageId, Unsuccessful = unsuccessful };
    }
}
