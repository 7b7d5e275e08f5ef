using Smpp.Text;

namespace Smpp.Tests.Text;

/// <summary>The GSM 7-bit default alphabet (3GPP TS 23.038): septets, the extension table, packing with and without fill bits.</summary>
public sealed class Gsm7Tests
{
    [Test]
    public void TheClassicExamplePacksAsTheStandardShowsIt() =>
        Assert.That(Convert.ToHexString(Gsm7.Pack(Gsm7.ToSeptets("hellohello"))), Is.EqualTo("E8329BFD4697D9EC37"));

    [TestCase("Call blocked @ 21:05, ref_7 §5 ÄÖÑÜ")]
    [TestCase("{braces} [brackets] ~tilde^ |pipe| \\back €uro")]
    [TestCase("")]
    public void TextSurvivesSeptetsAndPacking(string text)
    {
        var septets = Gsm7.ToSeptets(text);

        Assert.Multiple(() =>
        {
            Assert.That(Gsm7.FromSeptets(septets), Is.EqualTo(text));
            Assert.That(Gsm7.FromSeptets(Gsm7.Unpack(Gsm7.Pack(septets), count: septets.Length)), Is.EqualTo(text));
            Assert.That(Gsm7.FromSeptets(Gsm7.Unpack(Gsm7.Pack(septets, fillBits: 1), fillBits: 1, count: septets.Length)), Is.EqualTo(text));
        });
    }

    [TestCase("1234567", "31D98C56B3DD1A", Description = "7 septets leave 7 spare bits: a CR, not an '@'")]
    [TestCase("12345678", "31D98C56B3DD70", Description = "8 septets fill 7 octets: no padding")]
    [TestCase("1234567\r", "31D98C56B3DD1A0D", Description = "a wanted CR on the boundary gets a second CR")]
    public void PackingPadsAsTs23038Section61231Says(string text, string hex) =>
        Assert.That(Convert.ToHexString(Gsm7.Pack(Gsm7.ToSeptets(text))), Is.EqualTo(hex));

    [Test]
    public void SevenSpareBitsReadAsNothingAndAWantedTrailingAtSurvives()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Gsm7.FromSeptets(Gsm7.Unpack(Gsm7.Pack(Gsm7.ToSeptets("Blocked")))), Is.EqualTo("Blocked"), "7 septets: the padding CR is dropped, and no '@' appears");
            Assert.That(Gsm7.FromSeptets(Gsm7.Unpack(Gsm7.Pack(Gsm7.ToSeptets("Blocked@")))), Is.EqualTo("Blocked@"), "8 septets ending in '@' fill the octets exactly");
            Assert.That(Gsm7.FromSeptets(Gsm7.Unpack(Convert.FromHexString("31D98C56B3DD00"))), Is.EqualTo("1234567@"), "from a sender that pads with zero bits, the '@' cannot be told from padding");
        });
    }

    [Test]
    public void ExtensionCharactersTakeAnEscapeAndTheirCode() =>
        Assert.That(Gsm7.ToSeptets("{€}"), Is.EqualTo(new byte[] { 0x1B, 0x28, 0x1B, 0x65, 0x1B, 0x29 }));

    [Test]
    public void TheDefaultAlphabetPlacesAtDollarAndUnderscoreWhereAsciiDoesNot() =>
        Assert.That(Gsm7.ToSeptets("@$_"), Is.EqualTo(new byte[] { 0x00, 0x02, 0x11 }));

    [Test]
    public void ChineseDoesNotFitAndIsNamedWhenForced()
    {
        Assert.That(Gsm7.CanEncode("已为您拦截"), Is.False);
        Assert.That(Gsm7.CanEncode("Blocked {x} €5"), Is.True);
        Assert.That(() => Gsm7.ToSeptets("ok 拦"), Throws.ArgumentException.With.Message.Contains("拦").And.Message.Contains("0x08"));
    }

    [Test]
    public void APlainNoticeIsGsm7WhenItFitsAndUcs2OtherwiseAndShortMessageTextFollows()
    {
        Assert.That(ShortMessageText.PlainCoding("Blocked call from +86 138"), Is.EqualTo(DataCodings.Default));
        Assert.That(ShortMessageText.PlainCoding("【参考网络】已为您拦截"), Is.EqualTo(DataCodings.Ucs2));
        Assert.That(ShortMessageText.Decode(ShortMessageText.Encode("a@b_c€", DataCodings.Default), DataCodings.Default), Is.EqualTo("a@b_c€"));
    }

    [Test]
    public void BadSeptetsNeverThrow() =>
        Assert.That(Gsm7.FromSeptets([0xFF, 0x1B, 0x1B, 0x1B]), Has.Length.EqualTo(3));
}
