using FsCheck;
using FsCheck.Fluent;
using Smpp.Text;

namespace Smpp.Tests.Text;

/// <summary>
/// Packed GSM 7-bit read back without a septet count, as an SMSC reads sm_length octets: the text comes back for every
/// length from 1 to 320 septets, with and without the fill bit after a concatenation header. The one difference
/// 3GPP TS 23.038 §6.1.2.3.1 allows: a text whose last CR ends exactly on an octet boundary reads back as CR CR.
/// </summary>
public sealed class Gsm7PackingProperties
{
    // '@' (septet 0x00) and CR are the characters padding can be confused with: each is drawn often, the rest evenly.
    private static readonly char[] Alphabet = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà".ToCharArray();

    private static readonly Gen<char> Character = Gen.Frequency(
        (3, Gen.Constant('@')),
        (2, Gen.Constant('\r')),
        (10, Gen.Elements(Alphabet)));

    private static IEnumerable<int> Lengths() => Enumerable.Range(1, 320);

    [TestCaseSource(nameof(Lengths))]
    public void PackThenUnpackGivesTheTextBack(int length)
    {
        foreach (var fillBits in new[] { 0, 1 })
        {
            Prop.ForAll(Gen.ArrayOf(Character, length).Select(c => new string(c)).ToArbitrary(), text =>
                {
                    var septets = Gsm7.ToSeptets(text);
                    var read = Gsm7.FromSeptets(Gsm7.Unpack(Gsm7.Pack(septets, fillBits), fillBits));
                    var crOnBoundary = text.EndsWith('\r') && (fillBits + (septets.Length * 7)) % 8 == 0;
                    return read == (crOnBoundary ? text + "\r" : text);
                })
                .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
        }
    }

    [Test]
    public void EverySeptetCountPacksIntoTheFewestOctetsThatHoldItsPadding() =>
        Prop.ForAll(Gen.Choose(1, 320).SelectMany(n => Gen.ArrayOf(Character, n)).Select(c => Gsm7.ToSeptets(new string(c))).ToArbitrary(), septets =>
            {
                var packed = Gsm7.Pack(septets);
                var withPadding = septets.Length + (((septets.Length * 7) % 8 == 1 || ((septets.Length * 7) % 8 == 0 && septets[^1] == Gsm7.CarriageReturn)) ? 1 : 0);
                return packed.Length == ((withPadding * 7) + 7) / 8 && packed.Length == Gsm7.PackedLength(septets);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
}
