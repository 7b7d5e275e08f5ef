using Smpp.Pdus;

namespace Smpp.Tests.Codec;

/// <summary>One of every PDU the library speaks, with non-default fields and TLVs, for round-trip tests.</summary>
public static class PduSamples
{
    public static IEnumerable<TestCaseData> All()
    {
        foreach (var id in new[] { CommandId.BindTransmitter, CommandId.BindReceiver, CommandId.BindTransceiver })
        {
            yield return Case(new BindRequest(id) { SequenceNumber = 1, SystemId = "warner", Password = "secret1", SystemType = "WARN", AddressTon = 1, AddressNpi = 1, AddressRange = "^86" });
        }

        foreach (var id in new[] { CommandId.BindTransmitterResp, CommandId.BindReceiverResp, CommandId.BindTransceiverResp })
        {
            yield return Case(new BindResponse(id) { SequenceNumber = 2, SystemId = "suite-smsc", OptionalParameters = [Tlv.FromByte(TlvTags.ScInterfaceVersion, 0x34)] });
        }

        yield return Case(new BindResponse(CommandId.BindTransmitterResp) { Status = CommandStatus.InvalidPassword, SequenceNumber = 3 });
        foreach (var id in new[] { CommandId.SubmitSm, CommandId.DeliverSm })
        {
            yield return Case(new ShortMessagePdu(id)
            {
                SequenceNumber = 0x7FFFFFFF,
                ServiceType = "WAP",
                SourceTon = 5,
                SourceAddress = "12321",
                DestinationTon = 1,
                DestinationNpi = 1,
                DestinationAddress = "8613800138000",
                EsmClass = ShortMessagePdu.UdhIndicator,
                ProtocolId = 0,
                PriorityFlag = 1,
                ScheduleDeliveryTime = "",
                ValidityPeriod = "000000001000000R",
                RegisteredDelivery = 1,
                DataCoding = 0x18,
                ShortMessage = new byte[] { 0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x98, 0x8E },
                OptionalParameters = [Tlv.FromUInt16(TlvTags.UserMessageReference, 77), new Tlv(TlvTags.SourcePort, new byte[] { 0, 1 })],
            });
        }

        yield return Case(new ShortMessagePdu(CommandId.SubmitSm) { SequenceNumber = 9, DestinationAddress = "13800138000", ShortMessage = new byte[254] });
        yield return Case(new ShortMessageResponse(CommandId.SubmitSmResp) { SequenceNumber = 4, MessageId = "0000abcd" });
        yield return Case(new ShortMessageResponse(CommandId.SubmitSmResp) { SequenceNumber = 5, Status = CommandStatus.Throttled });
        yield return Case(new ShortMessageResponse(CommandId.DeliverSmResp) { SequenceNumber = 6 });
        foreach (var id in new[] { CommandId.EnquireLink, CommandId.EnquireLinkResp, CommandId.Unbind, CommandId.UnbindResp })
        {
            yield return Case(new HeaderOnlyPdu(id) { SequenceNumber = 7 });
        }

        yield return Case(HeaderOnlyPdu.GenericNack(CommandStatus.InvalidCommandId, 8));
        yield return Case(new SubmitMultiPdu
        {
            SequenceNumber = 10,
            Message = new ShortMessagePdu(CommandId.SubmitSm)
            {
                ServiceType = "WAP",
                SourceTon = 5,
                SourceAddress = "FZSR",
                RegisteredDelivery = 1,
                DataCoding = 0x08,
                ShortMessage = new byte[] { 0x5D, 0xF2, 0x62, 0xE6 },
            },
            Destinations = [MultiDestination.Sme("13800138000", 1, 1), MultiDestination.DistributionList("callees-east"), MultiDestination.Sme("8613900139000", 1, 1)],
            OptionalParameters = [Tlv.FromUInt16(TlvTags.UserMessageReference, 78)],
        });
        yield return Case(new SubmitMultiPdu { SequenceNumber = 11, Destinations = [.. Enumerable.Range(0, 254).Select(i => MultiDestination.Sme("1380013" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)))], Message = new ShortMessagePdu(CommandId.SubmitSm) { ShortMessage = new byte[100] } });
        yield return Case(new SubmitMultiResponse { SequenceNumber = 12, MessageId = "0000abce" });
        yield return Case(new SubmitMultiResponse
        {
            SequenceNumber = 13,
            MessageId = "0000abcf",
            Unsuccessful = [new UnsuccessfulDestination("13800138000", CommandStatus.InvalidDestinationAddress, 1, 1), new UnsuccessfulDestination("callees-east", CommandStatus.InvalidDistributionListName)],
        });
    }

    private static TestCaseData Case(Pdu pdu) => new TestCaseData(pdu).SetArgDisplayNames($"{pdu.CommandId} {pdu.Status} #{pdu.SequenceNumber}");
}
