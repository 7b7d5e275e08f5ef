using System.Text;

namespace Smpp.Text;

/// <summary>
/// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1): text to septets and back, and the
/// packing of septets into octets (§6.1.2.1.1) with fill bits after a user data header. SMPP peers usually carry
/// data_coding 0x00 unpacked, one septet per octet; packing is for SMSCs configured to expect it.
/// </summary>
public static class Gsm7
{
    public const byte Escape = 0x1B;

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

    /// <summary>Packs septets into octets, least significant bit first, after <paramref name="fillBits"/> zero bits (those that align the text after a user data header).</summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fillBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fillBits, 6);
        var bits = fillBits + (septets.Length * 7);
        var octets = new byte[(bits + 7) / 8];
        for (var i = 0; i < septets.Length; i++)
        {
            var position = fillBits + (i * 7);
            var value = (septets[i] & 0x7F) << (position % 8);
            octets[position / 8] |= (byte)value;
            if (value > 0xFF)
            {
                octets[(position / 8) + 1] |= (byte)(value >> 8);
            }
        }

        return octets;
    }

    /// <summary>The septets packed in <paramref name="octets"/> after <paramref name="fillBits"/>; as many as whole septets fit unless <paramref name="count"/> says fewer.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> octets, int fillBits = 0, int? count = null)
    {
        var available = Math.Max(0, ((octets.Length * 8) - fillBits) / 7);
        var n = Math.Min(count ?? available, available);
        var septets = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var position = fillBits + (i * 7);
            var value = octets[position / 8] >> (position % 8);
            if ((position % 8) > 1 && (position / 8) + 1 < octets.Length)
            {
                value |= octets[(position / 8) + 1] << (8 - (position % 8));
            }

            septets[i] = (byte)(value & 0x7F);
        }

        return septets;
    }
}
