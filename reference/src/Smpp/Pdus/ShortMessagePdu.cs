using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>The body shared by submit_sm and deliver_sm (SMPP 3.4 sections 4.4.1 and 4.6.1).</summary>
public sealed record ShortMessagePdu : Pdu
{
    /// <summary>esm_class bit 6: the short message starts with a user data header.</summary>
    public const byte UdhIndicator = 0x40;

    public ShortMessagePdu(CommandId commandId)
        : base(commandId)
    {
        if (commandId is not (CommandId.SubmitSm or CommandId.DeliverSm))
        {
            throw new ArgumentException($"{commandId} does not carry a short message; use SubmitSm or DeliverSm.", nameof(commandId));
        }
    }

    public string ServiceType { get; init; } = "";

    public byte SourceTon { get; init; }

    public byte SourceNpi { get; init; }

    public string SourceAddress { get; init; } = "";

    public byte DestinationTon { get; init; }

    public byte DestinationNpi { get; init; }

    public string DestinationAddress { get; init; } = "";

    public byte EsmClass { get; init; }

    public byte ProtocolId { get; init; }

    public byte PriorityFlag { get; init; }

    public string ScheduleDeliveryTime { get; init; } = "";

    public string ValidityPeriod { get; init; } = "";

    public byte RegisteredDelivery { get; init; }

    public byte ReplaceIfPresent { get; init; }

    public byte DataCoding { get; init; }

    public byte DefaultMessageId { get; init; }

    public ReadOnlyMemory<byte> ShortMessage { get; init; }

    public bool HasUserDataHeader => (EsmClass & UdhIndicator) != 0;

    /// <summary>Field-by-field equality; the short message is compared by content.</summary>
    public bool Equals(ShortMessagePdu? other) =>
        base.Equals(other)
        && ServiceType == other.ServiceType
        && SourceTon == other.SourceTon
        && SourceNpi == other.SourceNpi
        && SourceAddress == other.SourceAddress
        && DestinationTon == other.DestinationTon
        && DestinationNpi == other.DestinationNpi
        && DestinationAddress == other.DestinationAddress
        && EsmClass == other.EsmClass
        && ProtocolId == other.ProtocolId
        && PriorityFlag == other.PriorityFlag
        && ScheduleDeliveryTime == other.ScheduleDeliveryTime
        && ValidityPeriod == other.ValidityPeriod
        && RegisteredDelivery == other.RegisteredDelivery
        && ReplaceIfPresent == other.ReplaceIfPresent
        && DataCoding == other.DataCoding
        && DefaultMessageId == other.DefaultMessageId
        && ShortMessage.Span.SequenceEqual(other.ShortMessage.Span);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), DestinationAddress, ShortMessage.Length);

    internal override void WriteBody(PduWriter writer)
    {
        WriteSource(writer);
        writer.Byte(DestinationTon);
        writer.Byte(DestinationNpi);
        writer.CString(DestinationAddress, FieldLimits.Address, nameof(DestinationAddress));
        WriteMessage(writer);
    }

    /// <summary>service_type and the source address: what precedes the destination here and in submit_multi.</summary>
    internal void WriteSource(PduWriter writer)
    {
        if (ShortMessage.Length > FieldLimits.ShortMessage)
        {
            throw new ArgumentException($"short_message is {ShortMessage.Length} octets; SMPP 3.4 allows {FieldLimits.ShortMessage}: split the text or use message_payload.");
        }

        writer.CString(ServiceType, FieldLimits.ServiceType, nameof(ServiceType));
        writer.Byte(SourceTon);
        writer.Byte(SourceNpi);
        writer.CString(SourceAddress, FieldLimits.Address, nameof(SourceAddress));
    }

    /// <summary>From esm_class to the short message: what follows the destination here and in submit_multi.</summary>
    internal void WriteMessage(PduWriter writer)
    {
        writer.Byte(EsmClass);
        writer.Byte(ProtocolId);
        writer.Byte(PriorityFlag);
        writer.CString(ScheduleDeliveryTime, FieldLimits.Time, nameof(ScheduleDeliveryTime));
        writer.CString(ValidityPeriod, FieldLimits.Time, nameof(ValidityPeriod));
        writer.Byte(RegisteredDelivery);
        writer.Byte(ReplaceIfPresent);
        writer.Byte(DataCoding);
        writer.Byte(DefaultMessageId);
        writer.Byte((byte)ShortMessage.Length);
        writer.Bytes(ShortMessage.Span);
    }

    internal static ShortMessagePdu Read(CommandId id, ref PduReader reader)
    {
        var pdu = ReadSource(id, ref reader) with
        {
            DestinationTon = reader.Byte("dest_addr_ton"),
            DestinationNpi = reader.Byte("dest_addr_npi"),
            DestinationAddress = reader.CString(FieldLimits.Address, "destination_addr"),
        };
        return ReadMessage(pdu, ref reader);
    }

    internal static ShortMessagePdu ReadSource(CommandId id, ref PduReader reader) => new(id)
    {
        ServiceType = reader.CString(FieldLimits.ServiceType, "service_type"),
        SourceTon = reader.Byte("source_addr_ton"),
        SourceNpi = reader.Byte("source_addr_npi"),
        SourceAddress = reader.CString(FieldLimits.Address, "source_addr"),
    };

    internal static ShortMessagePdu ReadMessage(ShortMessagePdu head, ref PduReader reader)
    {
        var pdu = head with
        {
            EsmClass = reader.Byte("esm_class"),
            ProtocolId = reader.Byte("protocol_id"),
            PriorityFlag = reader.Byte("priority_flag"),
            ScheduleDeliveryTime = reader.CString(FieldLimits.Time, "schedule_delivery_time"),
            ValidityPeriod = reader.CString(FieldLimits.Time, "validity_period"),
            RegisteredDelivery = reader.Byte("registered_delivery"),
            ReplaceIfPresent = reader.Byte("replace_if_present_flag"),
            DataCoding = reader.Byte("data_coding"),
            DefaultMessageId = reader.Byte("sm_default_msg_id"),
        };
        var length = reader.Byte("sm_length");
        if (length > FieldLimits.ShortMessage)
        {
            throw new PduFormatException(PduRejectReason.ShortMessageTooLong, $"sm_length is {length}; SMPP 3.4 allows at most {FieldLimits.ShortMessage} octets.");
        }

        return pdu with { ShortMessage = reader.Bytes(length, "short_message") };
    }
}
