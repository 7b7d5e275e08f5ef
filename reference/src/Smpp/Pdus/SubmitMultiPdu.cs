using Smpp.Codec;

namespace Smpp.Pdus;

/// <summary>
/// submit_multi (SMPP 3.4 §4.5.1): one short message to up to 254 destinations, SME addresses or distribution lists.
/// Its message fields are exactly those of submit_sm, so they are one: <see cref="Message"/>, a submit_sm whose own
/// destination is not used. <see cref="ForEachDestination"/> gives the submit_sm each SME address amounts to, which is
/// how an SMSC that delivers one by one sees it.
/// </summary>
public sealed record SubmitMultiPdu : Pdu
{
    public SubmitMultiPdu()
        : base(CommandId.SubmitMulti)
    {
    }

    /// <summary>Service type, source, and everything from esm_class to the short message.</summary>
    public ShortMessagePdu Message { get; init; } = new(CommandId.SubmitSm);

    public IReadOnlyList<MultiDestination> Destinations { get; init; } = [];

    /// <summary>The message of a submit_sm (its destination aside) sent to every destination at once.</summary>
    public static SubmitMultiPdu From(ShortMessagePdu message, IEnumerable<MultiDestination> destinations)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new SubmitMultiPdu
        {
            SequenceNumber = message.SequenceNumber,
            OptionalParameters = message.OptionalParameters,
            Message = message with { SequenceNumber = 0, OptionalParameters = [], DestinationTon = 0, DestinationNpi = 0, DestinationAddress = "" },
            Destinations = [.. destinations],
        };
    }

    /// <summary>The submit_sm each SME address amounts to (distribution lists are the SMSC's to expand), in order.</summary>
    public IEnumerable<(MultiDestination Destination, ShortMessagePdu Message)> ForEachDestination() =>
        Destinations.Where(d => !d.IsDistributionList).Select(d => (d, Message with
        {
            SequenceNumber = SequenceNumber,
            OptionalParameters = OptionalParameters,
            DestinationTon = d.Ton,
            DestinationNpi = d.Npi,
            DestinationAddress = d.Address,
        }));

    /// <summary>Field-by-field equality; destinations element by element.</summary>
    public bool Equals(SubmitMultiPdu? other) =>
        base.Equals(other)
        && Destinations.SequenceEqual(other.Destinations)
        && Message.Equals(other.Message);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Destinations.Count, Message.ShortMessage.Length);

    internal override void WriteBody(PduWriter writer)
    {
        if (Destinations.Count is 0 or > FieldLimits.Destinations)
        {
            throw new ArgumentException($"submit_multi has {Destinations.Count} destinations; SMPP 3.4 allows 1 to {FieldLimits.Destinations}: send more as several submit_multi.");
        }

        Message.WriteSource(writer);
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

        Message.WriteMessage(writer);
    }

    internal static SubmitMultiPdu Read(ref PduReader reader)
    {
        var source = ShortMessagePdu.ReadSource(CommandId.SubmitSm, ref reader);
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

        return new SubmitMultiPdu { Message = ShortMessagePdu.ReadMessage(source, ref reader), Destinations = destinations };
    }

    private static MultiDestination ReadSme(ref PduReader reader)
    {
        var ton = reader.Byte("dest_addr_ton");
        var npi = reader.Byte("dest_addr_npi");
        return MultiDestination.Sme(reader.CString(FieldLimits.Address, "destination_addr"), ton, npi);
    }
}
