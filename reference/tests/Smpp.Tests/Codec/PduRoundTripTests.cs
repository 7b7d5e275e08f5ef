using Smpp.Codec;
using Smpp.Pdus;

namespace Smpp.Tests.Codec;

public class PduRoundTripTests
{
    [TestCaseSource(typeof(PduSamples), nameof(PduSamples.All))]
    public void Every_pdu_decodes_to_what_was_encoded(Pdu pdu)
    {
        var bytes = PduCodec.Encode(pdu);

        var result = PduCodec.Decode(bytes);

        Assert.That(result.Status, Is.EqualTo(PduDecodeStatus.Decoded), result.Rejection?.Detail);
        Assert.That(result.Consumed, Is.EqualTo(bytes.Length));
        Assert.That(result.Pdu!.GetType(), Is.EqualTo(pdu.GetType()));
        Assert.That(result.Pdu, Is.EqualTo(pdu));
        Assert.That(result.Pdu.CommandId, Is.EqualTo(pdu.CommandId));
        Assert.That(result.Pdu.SequenceNumber, Is.EqualTo(pdu.SequenceNumber));
        Assert.That(result.Pdu.Status, Is.EqualTo(pdu.Status));
        Assert.That(result.Pdu.OptionalParameters, Is.EqualTo(pdu.OptionalParameters));
        Assert.That(PduCodec.Encode(result.Pdu), Is.EqualTo(bytes));
    }

    [TestCaseSource(typeof(PduSamples), nameof(PduSamples.All))]
    public void Every_prefix_of_a_pdu_is_incomplete(Pdu pdu)
    {
        var bytes = PduCodec.Encode(pdu);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.That(PduCodec.Decode(bytes.AsSpan(0, length)).Status, Is.EqualTo(PduDecodeStatus.Incomplete), $"prefix of {length} octets");
        }
    }

    [Test]
    public void Enquire_link_has_the_wire_form_of_the_specification()
    {
        var bytes = PduCodec.Encode(new HeaderOnlyPdu(CommandId.EnquireLink) { SequenceNumber = 0x0102 });

        Assert.That(Convert.ToHexString(bytes), Is.EqualTo("00000010" + "00000015" + "00000000" + "00000102"));
    }

    [Test]
    public void Submit_sm_fields_land_in_the_order_of_section_4_4_1()
    {
        var bytes = PduCodec.Encode(new ShortMessagePdu(CommandId.SubmitSm)
        {
            SequenceNumber = 1,
            SourceAddress = "1",
            DestinationAddress = "2",
            DataCoding = 0x08,
            ShortMessage = new byte[] { 0x4F, 0x60 },
        });

        var body = Convert.ToHexString(bytes.AsSpan(16));
        Assert.That(body, Is.EqualTo("00" + "0000" + "3100" + "0000" + "3200" + "000000" + "00" + "00" + "0000" + "08" + "00" + "02" + "4F60"));
        Assert.That(bytes.Length, Is.EqualTo(16 + (body.Length / 2)));
    }

    [Test]
    public void Two_pdus_back_to_back_decode_one_at_a_time()
    {
        var first = PduCodec.Encode(new HeaderOnlyPdu(CommandId.EnquireLink) { SequenceNumber = 1 });
        var second = PduCodec.Encode(new ShortMessageResponse(CommandId.SubmitSmResp) { SequenceNumber = 2, MessageId = "x" });
        var stream = first.Concat(second).ToArray();

        var one = PduCodec.Decode(stream);
        var two = PduCodec.Decode(stream.AsSpan(one.Consumed));

        Assert.That(one.Pdu!.SequenceNumber, Is.EqualTo(1));
        Assert.That(((ShortMessageResponse)two.Pdu!).MessageId, Is.EqualTo("x"));
        Assert.That(one.Consumed + two.Consumed, Is.EqualTo(stream.Length));
    }

    [Test]
    public void Encoding_refuses_fields_that_break_their_limits()
    {
        Assert.That(() => PduCodec.Encode(new BindRequest(CommandId.BindTransmitter) { SystemId = new string('a', 16) }), Throws.ArgumentException.With.Message.Contains("at most 15"));
        Assert.That(() => PduCodec.Encode(new ShortMessagePdu(CommandId.SubmitSm) { ShortMessage = new byte[255] }), Throws.ArgumentException.With.Message.Contains("254"));
        Assert.That(() => new HeaderOnlyPdu(CommandId.SubmitSm), Throws.ArgumentException);
    }
}
