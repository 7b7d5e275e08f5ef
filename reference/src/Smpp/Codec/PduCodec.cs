using System.Buffers.Binary;
using Smpp.Pdus;

namespace Smpp.Codec;

/// <summary>
/// Turns PDUs into bytes and bytes into PDUs. Decoding is tri-state: more bytes needed, a PDU, or a rejection
/// that says what to answer; malformed input never throws out of <see cref="Decode"/>.
/// </summary>
public static class PduCodec
{
    public const int HeaderLength = 16;

    public static byte[] Encode(Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var writer = new PduWriter();
        writer.UInt32(0);
        writer.UInt32((uint)pdu.CommandId);
        writer.UInt32((uint)pdu.Status);
        writer.UInt32(pdu.SequenceNumber);
        pdu.WriteBody(writer);
        foreach (var tlv in pdu.OptionalParameters)
        {
            if (tlv.Value.Length > ushort.MaxValue)
            {
                throw new ArgumentException($"Optional parameter 0x{tlv.Tag:X4} is {tlv.Value.Length} octets; a TLV holds at most {ushort.MaxValue}.");
            }

            writer.UInt16(tlv.Tag);
            writer.UInt16((ushort)tlv.Value.Length);
            writer.Bytes(tlv.Value.Span);
        }

        var bytes = writer.ToArray();
        writer.PatchUInt32(bytes, 0, (uint)bytes.Length);
        return bytes;
    }

    public static PduDecodeResult Decode(ReadOnlySpan<byte> buffer, PduCodecOptions? options = null)
    {
        options ??= PduCodecOptions.Default;
        if (buffer.Length < 4)
        {
            return PduDecodeResult.Incomplete;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        var rawId = buffer.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]) : 0u;
        var sequence = buffer.Length >= HeaderLength ? BinaryPrimitives.ReadUInt32BigEndian(buffer[12..]) : 0u;
        if (length < HeaderLength)
        {
            return Fatal(PduRejectReason.CommandLengthTooSmall, $"command_length is {length}; a PDU is at least {HeaderLength} octets (its header).", rawId, sequence);
        }

        if (length > options.MaxCommandLength)
        {
            return Fatal(PduRejectReason.CommandLengthTooLarge, $"command_length is {length}; this peer accepts at most {options.MaxCommandLength} octets.", rawId, sequence);
        }

        if (buffer.Length < length)
        {
            return PduDecodeResult.Incomplete;
        }

        var frameLength = (int)length;
        var id = (CommandId)rawId;
        if (!Enum.IsDefined(id))
        {
            return PduDecodeResult.Rejected(
                new PduRejection(PduRejectReason.UnknownCommandId, $"command_id 0x{rawId:X8} is not an SMPP 3.4 command this peer supports.", rawId, sequence, CommandStatus.InvalidCommandId, CommandId.GenericNack, IsFatal: false),
                frameLength);
        }

        var status = (CommandStatus)BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        try
        {
            var reader = new PduReader(buffer[HeaderLength..frameLength]);
            var pdu = ReadBody(id, ref reader);
            var optional = ReadOptionalParameters(id, ref reader);
            return PduDecodeResult.Decoded(pdu with { Status = status, SequenceNumber = sequence, OptionalParameters = optional }, frameLength);
        }
        catch (PduFormatException e)
        {
            var answer = e.Reason switch
            {
                PduRejectReason.ShortMessageTooLong => CommandStatus.InvalidMessageLength,
                PduRejectReason.CStringTooLong => CommandStatus.InvalidParameterLength,
                PduRejectReason.InvalidOptionalParameter => CommandStatus.InvalidOptionalParameterStream,
                PduRejectReason.InvalidNumberOfDestinations => CommandStatus.InvalidNumberOfDestinations,
                PduRejectReason.InvalidDestinationFlag => CommandStatus.InvalidDestinationFlag,
                _ => CommandStatus.InvalidCommandLength,
            };
            return PduDecodeResult.Rejected(
                new PduRejection(e.Reason, $"{id}: {e.Message}", rawId, sequence, answer, id.ResponseTo(), IsFatal: false),
                frameLength);
        }
    }

    private static Pdu ReadBody(CommandId id, ref PduReader reader) => id switch
    {
        CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver => BindRequest.Read(id, ref reader),
        CommandId.BindTransmitterResp or CommandId.BindReceiverResp or CommandId.BindTransceiverResp => BindResponse.Read(id, ref reader),
        CommandId.SubmitSm or CommandId.DeliverSm => ShortMessagePdu.Read(id, ref reader),
        CommandId.SubmitSmResp or CommandId.DeliverSmResp => ShortMessageResponse.Read(id, ref reader),
        CommandId.SubmitMulti => SubmitMultiPdu.Read(ref reader),
        CommandId.SubmitMultiResp => SubmitMultiResponse.Read(ref reader),
        _ => new HeaderOnlyPdu(id),
    };

    private static List<Tlv> ReadOptionalParameters(CommandId id, ref PduReader reader)
    {
        var optional = new List<Tlv>();
        if (HeaderOnlyPdu.IsHeaderOnly(id) && reader.Remaining > 0)
        {
            throw new PduFormatException(PduRejectReason.UnexpectedBody, $"{id} has no body, yet command_length leaves {reader.Remaining} octet(s) after the header.");
        }

        while (reader.Remaining > 0)
        {
            if (reader.Remaining < 4)
            {
                throw new PduFormatException(PduRejectReason.InvalidOptionalParameter, $"{reader.Remaining} stray octet(s) after the last field are too few for a TLV (tag and length take 4).");
            }

            var tag = reader.UInt16("tlv tag");
            var length = reader.UInt16("tlv length");
            if (length > reader.Remaining)
            {
                throw new PduFormatException(PduRejectReason.InvalidOptionalParameter, $"TLV 0x{tag:X4} declares {length} octets but only {reader.Remaining} remain in the PDU.");
            }

            optional.Add(new Tlv(tag, reader.Bytes(length, "tlv value")));
        }

        return optional;
    }

    private static PduDecodeResult Fatal(PduRejectReason reason, string detail, uint rawId, uint sequence) =>
        PduDecodeResult.Rejected(new PduRejection(reason, detail, rawId, sequence, CommandStatus.InvalidCommandLength, CommandId.GenericNack, IsFatal: true), 0);
}
