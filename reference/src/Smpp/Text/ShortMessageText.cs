using System.Text;

namespace Smpp.Text;

/// <summary>Converts between text and short_message octets for the data codings this project uses (0x00 unpacked: one septet per octet).</summary>
public static class ShortMessageText
{
    private static readonly Encoding Ucs2 = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    public static byte[] Encode(string text, byte dataCoding) => dataCoding switch
    {
        DataCodings.Ucs2 or DataCodings.FlashUcs2 => Ucs2.GetBytes(text),
        DataCodings.Latin1 => Encoding.Latin1.GetBytes(text),
        DataCodings.Default => Gsm7.ToSeptets(text),
        DataCodings.Ia5 => Encoding.ASCII.GetBytes(text),
        _ => throw new ArgumentException($"data_coding 0x{dataCoding:X2} is not supported; use 0x08 (UCS-2) or 0x18 (flash UCS-2) for Chinese text.", nameof(dataCoding)),
    };

    /// <summary>Decodes what a peer sent; an odd UCS-2 length or an unknown coding yields replacement characters, never an exception.</summary>
    public static string Decode(ReadOnlySpan<byte> octets, byte dataCoding) => dataCoding switch
    {
        DataCodings.Ucs2 or DataCodings.FlashUcs2 => Ucs2.GetString(octets),
        DataCodings.Latin1 => Encoding.Latin1.GetString(octets),
        DataCodings.Default => Gsm7.FromSeptets(octets),
        _ => Encoding.ASCII.GetString(octets),
    };

    /// <summary>
    /// The coding of a plain notice: the GSM 7-bit default alphabet (0x00) when every character has a septet, so a
    /// short Latin-script notice fits 160 characters; UCS-2 (0x08) otherwise, as any Chinese text needs.
    /// </summary>
    public static byte PlainCoding(string text) => Gsm7.CanEncode(text) ? DataCodings.Default : DataCodings.Ucs2;
}
