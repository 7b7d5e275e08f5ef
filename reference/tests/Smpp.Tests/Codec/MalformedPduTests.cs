using Smpp.Codec;
using Smpp.Pdus;

namespace Smpp.Tests.Codec;

public class MalformedPduTests
{
    [TestCaseSource(typeof(MalformedPdus), nameof(MalformedPdus.All))]
    public void A_malformed_pdu_is_rejected_with_the_answer_it_deserves(byte[] frame, PduRejectReason reason, CommandStatus status, CommandId response, bool fatal)
    {
        var result = PduCodec.Decode(frame);

        Assert.That(result.Status, Is.EqualTo(PduDecodeStatus.Rejected));
        var rejection = result.Rejection!;
        Assert.That(rejection.Reason, Is.EqualTo(reason), rejection.Detail);
        Assert.That(rejection.Status, Is.EqualTo(status));
        Assert.That(rejection.ResponseCommandId, Is.EqualTo(response));
        Assert.That(rejection.IsFatal, Is.EqualTo(fatal));
        Assert.That(rejection.Detail, Is.Not.Empty);
        Assert.That(result.Consumed, Is.EqualTo(fatal ? 0 : frame.Length), "a non-fatal rejection skips exactly its frame");
        var answer = PduCodec.Decode(PduCodec.Encode(rejection.Answer())).Pdu!;
        Assert.That(answer.CommandId, Is.EqualTo(response));
        Assert.That(answer.Status, Is.EqualTo(status));
        Assert.That(answer.SequenceNumber, Is.EqualTo(rejection.SequenceNumber));
    }

    [Test]
    public void The_sequence_number_of_an_unknown_command_is_echoed_in_the_generic_nack()
    {
        var rejection = PduCodec.Decode(Convert.FromHexString("00000010" + "00000103" + "00000000" + "00000099")).Rejection!;

        Assert.That(rejection.Answer(), Is.EqualTo(HeaderOnlyPdu.GenericNack(CommandStatus.InvalidCommandId, 0x99)));
    }

    [Test]
    public void Random_bytes_never_make_the_decoder_throw()
    {
        var random = new Random(6);
        var buffer = new byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(16, 64);
            buffer[0] = 0;
            buffer[1] = 0;
            buffer[2] = 0;
            buffer[3] = (byte)length;
            buffer[4] = (byte)(random.Next(2) == 0 ? 0x00 : 0x80);
            buffer[5] = 0;
            buffer[6] = 0;
            buffer[7] = (byte)random.Next(0, 0x16);

            var result = PduCodec.Decode(buffer.AsSpan(0, random.Next(0, 64)));

            Assert.That(result.Status, Is.AnyOf(PduDecodeStatus.Incomplete, PduDecodeStatus.Decoded, PduDecodeStatus.Rejected));
        }
    }
}
