using Smpp.Text;

namespace Smpp.Tests.Text;

public class MessageSegmenterTests
{
    [Test]
    public void Seventy_chinese_characters_fit_one_segment_without_a_header()
    {
        var text = new string('骚', 70);

        var segments = MessageSegmenter.Split(text, DataCodings.FlashUcs2, 1);

        Assert.That(segments, Has.Count.EqualTo(1));
        Assert.That(segments[0].HasUserDataHeader, Is.False);
        Assert.That(segments[0].ShortMessage.Length, Is.EqualTo(140));
        Assert.That(ShortMessageText.Decode(segments[0].ShortMessage.Span, DataCodings.FlashUcs2), Is.EqualTo(text));
    }

    [TestCase(71, 2)]
    [TestCase(134, 2)]
    [TestCase(135, 3)]
    [TestCase(300, 5)]
    public void Longer_text_is_split_into_segments_of_67_characters_with_a_concatenation_header(int characters, int expected)
    {
        var text = string.Concat(Enumerable.Range(0, characters).Select(i => (char)('一' + i)));

        var segments = MessageSegmenter.Split(text, DataCodings.Ucs2, 0x2A);

        Assert.That(segments, Has.Count.EqualTo(expected));
        var joined = "";
        for (var i = 0; i < segments.Count; i++)
        {
            Assert.That(segments[i].HasUserDataHeader, Is.True);
            Assert.That(segments[i].ShortMessage.Length, Is.LessThanOrEqualTo(140));
            var (info, userData) = MessageSegmenter.ReadHeader(segments[i].ShortMessage);
            Assert.That(info, Is.EqualTo(new ConcatenationInfo(0x2A, expected, i + 1)));
            joined += ShortMessageText.Decode(userData.Span, DataCodings.Ucs2);
        }

        Assert.That(joined, Is.EqualTo(text));
    }

    [Test]
    public void A_surrogate_pair_is_never_cut_between_segments()
    {
        var text = new string('警', 66) + "😀" + new string('告', 10);

        var segments = MessageSegmenter.Split(text, DataCodings.Ucs2, 3);

        var first = ShortMessageText.Decode(MessageSegmenter.ReadHeader(segments[0].ShortMessage).UserData.Span, DataCodings.Ucs2);
        Assert.That(first, Is.EqualTo(new string('警', 66)), "the emoji would straddle octets 132..136, so it moves whole to the next segment");
        Assert.That(string.Concat(segments.Select(s => ShortMessageText.Decode(MessageSegmenter.ReadHeader(s.ShortMessage).UserData.Span, DataCodings.Ucs2))), Is.EqualTo(text));
    }

    [Test]
    public void Ucs2_is_big_endian_without_a_byte_order_mark()
    {
        Assert.That(ShortMessageText.Encode("骚扰", DataCodings.Ucs2), Is.EqualTo(new byte[] { 0x9A, 0x9A, 0x62, 0x70 }));
        Assert.That(ShortMessageText.Decode([0x9A, 0x9A, 0x62, 0x70], DataCodings.FlashUcs2), Is.EqualTo("骚扰"));
    }

    [Test]
    public void Odd_octets_and_unknown_codings_decode_without_throwing()
    {
        Assert.That(ShortMessageText.Decode([0x62, 0x70, 0x41], DataCodings.Ucs2), Does.StartWith("扰"));
        Assert.That(ShortMessageText.Decode("hi"u8, 0xF5), Is.EqualTo("hi"));
        Assert.That(() => ShortMessageText.Encode("x", 0xF5), Throws.ArgumentException.With.Message.Contains("0x08"));
    }

    [Test]
    public void A_header_that_claims_more_than_the_message_is_read_as_no_header()
    {
        var (info, userData) = MessageSegmenter.ReadHeader(new byte[] { 0x09, 0x00, 0x03 });

        Assert.That(info, Is.Null);
        Assert.That(userData.Length, Is.EqualTo(3));
    }
}
