using System.Text;

namespace Smpp.Text;

/// <summary>
/// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1): text to septets and back, and the
/// packing of septets into octets (§6.1.2.1.1) with fill bits after a user data header. SMPP peers usually carry
/// data_coding 0x00 unpacked, one septet per octet; packing is for SMSCs configured to expect it.
/// </summary>
/// <remarks>
/// SMPP gives the length of packed text in octets, never in septets, so a receiver cannot tell 7 spare bits at the end
/// from a last septet 0x00 ('@'). Packing therefore follows the CR padding of §6.1.2.3.1: 7 spare bits carry a CR,
/// which unpacking drops; a wanted CR that ends exactly on an octet boundary is followed by a second CR, which the
/// receiver keeps (CR CR means the same as CR), so such a text reads back with one more CR at its end.
/// </remarks>
public static class Gsm7
{
    public const byte Escape = 0x1B;

    public const byte CarriageReturn = 0x0D;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static readonly (char Char, byte Code)[] Extension =
        [('\f', 0x0A), ('^', 0x14), ('{', 0x28), ('}', 0x29), ('\\', 0x2F), ('[', 0x3C), ('~', 0x3D), (']', 0x3E), ('|', 0x40), ('€', 0x65)];

    private static readonly Dictionary<char, byte> BasicCodes = Basic.Select((c, i) => (c, (byte)i)).Where(p => p.Item2 != Escape).ToDictionary(p => p.c, p => p.Item2);
    private static readonly Dictionary<char, byte> ExtensionCodes = Extension.ToDictionary(e => e.Char, e => e.Code);
    private static readonly Dictionary<byte, char> ExtensionChars = Extension.ToDictionary(e => e.Code, e => e.Char);

    /// <summary>Whether every character has a septet, in the default alphabet or through the extension table.</summary>
    public static bool CanEncode(string text) => text.All(c => BasicCodes.ContainsKey(c) || ExtensionCodes.ContainsKey(c));

    /// <summary>The septets of the text, one per byte: an extension character takes two (0x1B, then its code).</summary>
    public static byte[] ToSeptets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = new List<byte>(text.Length);
        foreach (var c in text)
        {
            if (BasicCodes.TryGetValue(c, out var code))
            {
                septets.Add(code);
            }
            else if (ExtensionCodes.TryGetValue(c, out var extension))
            {
                septets.Add(Escape);
                septets.Add(extension);
            }
            else
            {
                throw new ArgumentException($"'{c}' (U+{(int)c:X4}) is not in the GSM 7-bit default alphabet or its extension table; send the text as UCS-2 (data_coding 0x08).", nameof(text));
            }
        }

        return [.. septets];
    }

    /// <summary>Text from septets one per byte; the top bit is ignored, an unknown extension code reads as the default-alphabet character (§6.2.1.1).</summary>
    public static string FromSeptets(ReadOnlySpan<byte> septets)
    {
        var text = new StringBuilder(septets.Length);
        for (var i = 0; i < septets.Length; i++)
        {
            var septet = (byte)(septets[i] & 0x7F);
            if (septet == Escape && i + 1 < septets.Length)
            {
                var code = (byte)(septets[++i] & 0x7F);
                text.Append(ExtensionChars.TryGetValue(code, out var c) ? c : Basic[code] == '\u001B' ? ' ' : Basic[code]);
            }
            else
            {
                text.Append(septet == Escape ? ' ' : Basic[septet]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Packs septets into octets, least significant bit first, after <paramref name="fillBits"/> zero bits (those that
    /// align the text after a user data header), with a CR where the last octet would otherwise keep 7 spare bits or a
    /// wanted CR would end on its boundary (§6.1.2.3.1).
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fillBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fillBits, 6);
        var padded = NeedsCarriageReturn(septets, fillBits);
        var count = septets.Length + (padded ? 1 : 0);
        var octets = new byte[(fillBits + (count * 7) + 7) / 8];
        for (var i = 0; i < count; i++)
        {
            var position = fillBits + (i * 7);
            var value = ((i < septets.Length ? septets[i] : CarriageReturn) & 0x7F) << (position % 8);
            octets[position / 8] |= (byte)value;
            if (value > 0xFF)
            {
                octets[(position / 8) + 1] |= (byte)(value >> 8);
            }
        }

        return octets;
    }

    /// <summary>How many octets <see cref="Pack"/> makes of these septets, its CR padding included.</summary>
    public static int PackedLength(ReadOnlySpan<byte> septets, int fillBits = 0) =>
        (fillBits + ((septets.Length + (NeedsCarriageReturn(septets, fillBits) ? 1 : 0)) * 7) + 7) / 8;

    private static bool NeedsCarriageReturn(ReadOnlySpan<byte> septets, int fillBits)
    {
        var spare = (fillBits + (septets.Length * 7)) % 8;
        return spare == 1 || (spare == 0 && septets.Length > 0 && (septets[^1] & 0x7F) == CarriageReturn);
    }

    /// <summary>
    /// The septets packed in <paramref name="octets"/> after <paramref name="fillBits"/>: <paramref name="count"/> of
    /// them when the caller knows it, otherwise every whole septet but a CR that fills the last octet exactly (the
    /// padding of 7 spare bits, §6.1.2.3.1).
    /// </summary>
    public static byte[] Unpack(ReadOnlySpan<byte> octets, int fillBits = 0, int? count = null)
    {
        var available = Math.Max(0, ((octets.Length * 8) - fillBits) / 7);
        if (count is null && available > 0 && fillBits + (available * 7) == octets.Length * 8 && Septet(octets, fillBits, available - 1) == CarriageReturn)
        {
            available--;
        }

        var n = Math.Min(count ?? available, available);
        var septets = new byte[n];
        for (var i = 0; i < n; i++)
        {
            septets[i] = Septet(octets, fillBits, i);
        }

        return septets;
    }

    private static byte Septet(ReadOnlySpan<byte> octets, int fillBits, int index)
    {
        var position = fillBits + (index * 7);
        var value = octets[position / 8] >> (position % 8);
        if ((position % 8) > 1 && (position / 8) + 1 < octets.Length)
        {
            value |= octets[(position / 8) + 1] << (8 - (position % 8));
        }

        return (byte)(value & 0x7F);
    }
}
