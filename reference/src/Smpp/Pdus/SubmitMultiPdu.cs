using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>
/// submit_multi (SMPP 3.4 §4.5.1): one short message to up to 254 destinations, SME addresses or distribution lists.
/// The message fields are those of submit_sm; <see cref="ForEachDestination"/> gives the submit_sm each SME address
/// amounts to, which is how an SMSC that delivers one by one sees it.
/// </summary>
public sealed record SubmitMultiPdu : Pdu
{
    public SubmitMultiPdu()
        : base(CommandId.SubmitMulti)
    {
    }

    public string ServiceType { get; init; } = "";

    public byte SourceTon { get; init; }

    public byte SourceNpi { get; init; }

    public string SourceAddress { get; init; } = "";

    public IReadOnlyList<MultiDestination> Destinations { get; init; } = [];

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

    /// <summary>The message of a submit_sm (its destination aside) sent to every destination at once.</summary>
    public static SubmitMultiPdu From(ShortMessagePdu message, IEnumerable<MultiDestination> destinations)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new SubmitMultiPdu
        {
            SequenceNumber = message.SequenceNumber,
            OptionalParameters = message.OptionalParameters,
            ServiceType = message.ServiceType,
            SourceTon = message.SourceTon,
            SourceNpi = message.SourceNpi,
            SourceAddress = message.SourceAddress,
            Destinations = [.. destinations],
            EsmClass = message.EsmClass,
            ProtocolId = message.ProtocolId,
            PriorityFlag = message.PriorityFlag,
            ScheduleDeliveryTime = message.ScheduleDeliveryTime,
            ValidityPeriod = message.ValidityPeriod,
            RegisteredDelivery = message.RegisteredDelivery,
            ReplaceIfPresent = message.ReplaceIfPresent,
            DataCoding = message.DataCoding,
            DefaultMessageId = message.DefaultMessageId,
            ShortMessage = message.ShortMessage,
        };
    }

    /// <summary>The submit_sm each SME address amounts to (distribution lists are the SMSC's to expand), in order.</summary>
    public IEnumerable<(MultiDestination Destination, ShortMessagePdu Message)> ForEachDestination() =>
        Destinations.Where(d => !d.IsDistributionList).Select(d => (d, new ShortMessagePdu(CommandId.SubmitSm)
        {
            SequenceNumber = SequenceNumber,
            OptionalParameters = OptionalParameters,
            ServiceType = ServiceType,
            SourceTon = SourceTon,
            SourceNpi = SourceNpi,
            SourceAddress = SourceAddress,
            DestinationTon = d.Ton,
            DestinationNpi = d.Npi,
            DestinationAddress = d.Address,
            EsmClass = EsmClass,
            ProtocolId = ProtocolId,
            PriorityFlag = PriorityFlag,
            ScheduleDeliveryTime = ScheduleDeliveryTime,
            ValidityPeriod = ValidityPeriod,
            RegisteredDelivery = RegisteredDelivery,
            ReplaceIfPresent = ReplaceIfPresent,
            DataCoding = DataCoding,
            DefaultMessageId = DefaultMessageId,
            ShortMessage = ShortMessage,
        }));

    /// <summary>Field-by-field equality; destinations element by element, the short message by content.</summary>
    public bool Equals(SubmitMultiPdu? other) =>
        base.Equals(other)
        && ServiceType == other.ServiceType
        && SourceTon == other.SourceTon
        && SourceNpi == other.SourceNpi
        && SourceAddress == other.SourceAddress
        && Destinations.SequenceEqual(other.Destinations)
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

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Destinations.Count, ShortMessage.Length);

    internal override void WriteBody(PduWriter writer)
    {
        if (Destinations.Count is 0 or > FieldLimits.Destinations)
        {
            throw new ArgumentException($"submit_multi has {Destinations.Count} destinations; SMPP 3.4 allows 1 to {FieldLimits.Destinations}: send more as several submit_multi.");
        }

        if (ShortMessage.Length > FieldLimits.ShortMessage)
        {
            throw new ArgumentException($"short_message is {ShortMessage.Length} octets; SMPP 3.4 allows {FieldLimits.ShortMessage}: split the text or use message_payload.");
        }

        writer.CString(ServiceType, FieldLimits.ServiceType, nameof(ServiceType));
        writer.Byte(SourceTon);
        writer.Byte(SourceNpi);
        writer.CString(SourceAddress, FieldLimits.Address, nameof(SourceAddress));
        writer.Byte((byte)Destinations.Count);
        foreach (var destination in Destinations)
        {
            if (destination.IsDistributionList)
            {
                writer.Byte(MultiDestination.DistributionListFlag);
                writer.CString(destination.Address, FieldLimits.DistributionListName, "dl_name");
            }
            else
            {
                writer.Byte(MultiDestination.SmeAddressFlag);
                writer.Byte(destination.Ton);
                writer.Byte(destination.Npi);
                writer.CString(destination.Address, FieldLimits.Address, "destination_addr");
            }
        }

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

    internal static SubmitMultiPdu Read(ref PduReader reader)
    {
        var serviceType = reader.CString(FieldLimits.ServiceType, "service_type");
        var sourceTon = reader.Byte("source_addr_ton");
        var sourceNpi = reader.Byte("source_addr_npi");
        var source = reader.CString(FieldLimits.Address, "source_addr");
        var count = reader.Byte("number_of_dests");
        if (count is 0 or > FieldLimits.Destinations)
        {
            throw new PduFormatException(PduRejectReason.InvalidNumberOfDestinations, $"number_of_dests is {count}; SMPP 3.4 allows 1 to {FieldLimits.Destinations}.");
        }

        var destinations = new List<MultiDestination>(count);
        for (var i = 0; i < count; i++)
        {
            var flag = reader.Byte("dest_flag");
            destinations.Add(flag switch
            {
                MultiDestination.SmeAddressFlag => ReadSme(ref reader),
                MultiDestination.DistributionListFlag => MultiDestination.DistributionList(reader.CString(FieldLimits.DistributionListName, "dl_name")),
                _ => throw new PduFormatException(PduRejectReason.InvalidDestinationFlag, $"dest_flag of destination {i + 1} is {flag}; expected 1 (SME address) or 2 (distribution list name)."),
            });
        }

        var pdu = new SubmitMultiPdu
        {
            ServiceType = serviceType,
            SourceTon = sourceTon,
            SourceNpi = sourceNpi,
            SourceAddress = source,
            Destinations = destinations,
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

    private static MultiDestination ReadSme(ref PduReader reader)
    {
        var ton = reader.Byte("dest_addr_ton");
        var npi = reader.Byte("dest_addr_npi");
        return MultiDestination.Sme(reader.CString(FieldLimits.Address, "destination_addr"), ton, npi);
    }
}
