namespace Smpp.Text;

/// <summary>data_coding values (SMPP 3.4 section 5.2.19, 3GPP TS 23.038) that this project sends or reads.</summary>
public static class DataCodings
{
    /// <summary>SMSC default alphabet: the GSM 7-bit default alphabet (3GPP TS 23.038), one septet per octet unless the link packs it.</summary>
    public const byte Default = 0x00;

    public const byte Ia5 = 0x01;

    public const byte Latin1 = 0x03;

    /// <summary>UCS-2 (UTF-16BE), the coding of a plain SMS notice in Chinese.</summary>
    public const byte Ucs2 = 0x08;

    /// <summary>UCS-2 with message class 0: shown at once and not stored (a flash SMS, 闪信).</summary>
    public const byte FlashUcs2 = 0x18;

    public static bool IsUcs2(byte dataCoding) => dataCoding is Ucs2 or FlashUcs2;
}
