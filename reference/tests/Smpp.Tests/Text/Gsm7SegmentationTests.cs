using Smpp.Text;

namespace Smpp.Tests.Text;

/// <summary>GSM 7-bit messages fill 160 septets, or 153 per segment after a concatenation header, and never split an escape pair.</summary>
public sealed class Gsm7SegmentationTests
{
    [Test]
    public void OneHundredSixtyCharactersAreOneSegmentUnpackedOrPacked()
    {
        var text = new string('a', 160);

        Assert.Multiple(() =>
        {
            Assert.That(MessageSegmenter.Split(text, DataCodings.Default, 1).Single().ShortMessage.Length, Is.EqualTo(160));
            Assert.That(MessageSegmenter.Split(text, DataCodings.Default, 1, packGsm7: true).Single().ShortMessage.Length, Is.EqualTo(140));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void LongerTextIsCutIn153SeptetSegmentsThatJoinBack(bool packed)
    {
        var text = string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}; "));
        var segments = MessageSegmenter.Split(text, DataCodings.Default, 9, packed);

        var joined = string.Concat(segments.Select(s =>
        {
            var (info, data) = MessageSegmenter.ReadHeader(s.ShortMessage);
            Assert.That(info!.Reference, Is.EqualTo(9));
            Assert.That(s.ShortMessage.Length, Is.LessThanOrEqualTo(packed ? 140 : 159));
            return packed ? Gsm7.FromSeptets(Gsm7.Unpack(data.Span, fillBits: 1)) : Gsm7.FromSeptets(data.Span);
        }));

        Assert.That(segments, Has.Count.EqualTo((int)Math.Ceiling(Gsm7.ToSeptets(text).Length / 153.0)));
        Assert.That(joined, Is.EqualTo(text));
    }

    [Test]
    public void PackedOneHundredSixtySeptetsEndingInACarriageReturnNeedTheSecondCrAndSoTwoSegments()
    {
        var text = new string('a', 159) + "\r";

        var segments = MessageSegmenter.Split(text, DataCodings.Default, 3, packGsm7: true);

        Assert.Multiple(() =>
        {
            Assert.That(segments, Has.Count.EqualTo(2), "141 octets do not fit one message");
            Assert.That(segments.Select(s => s.ShortMessage.Length), Has.All.LessThanOrEqualTo(140));
            Assert.That(MessageSegmenter.Split(text, DataCodings.Default, 3).Single().ShortMessage.Length, Is.EqualTo(160), "unpacked, it still fits one");
        });
    }

    [Test]
    public void APackedSegmentThatWouldEndInACarriageReturnOnItsLastOctetLeavesTheCrToTheNextSegment()
    {
        var text = new string('a', 152) + "\r" + new string('b', 20);

        var segments = MessageSegmenter.Split(text, DataCodings.Default, 4, packGsm7: true);

        var parts = segments.Select(s => Gsm7.FromSeptets(Gsm7.Unpack(MessageSegmenter.ReadHeader(s.ShortMessage).UserData.Span, fillBits: 1))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(parts[0], Is.EqualTo(new string('a', 152)));
            Assert.That(segments.Select(s => s.ShortMessage.Length), Has.All.LessThanOrEqualTo(140));
            Assert.That(string.Concat(parts), Is.EqualTo(text));
        });
    }

    [Test]
    public void AnEscapePairIsNeverSplitAcrossSegments()
    {
        var text = new string('a', 152) + "€" + new string('b', 20);

        var segments = MessageSegmenter.Split(text, DataCodings.Default, 2);

        var first = MessageSegmenter.ReadHeader(segments[0].ShortMessage).UserData;
        Assert.That(first.Length, Is.EqualTo(152), "the euro sign's two septets move to the second segment together");
        Assert.That(string.Concat(segments.Select(s => Gsm7.FromSeptets(MessageSegmenter.ReadHeader(s.ShortMessage).UserData.Span))), Is.EqualTo(text));
    }
}
