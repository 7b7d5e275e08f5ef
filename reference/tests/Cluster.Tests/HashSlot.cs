using System.Text;

namespace Cluster.Tests;

/// <summary>
/// The hash slot a Redis Cluster puts a key in, computed as its specification says: CRC16 (XMODEM: polynomial 0x1021,
/// initial value 0) of the key, or of its hash tag (what lies between the first "{" and the first "}" after it, when
/// that is not empty), modulo 16384.
/// </summary>
public static class HashSlot
{
    public static int Of(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                key = key[(open + 1)..close];
            }
        }

        return Crc16(Encoding.UTF8.GetBytes(key)) & 16383;
    }

    public static int Crc16(ReadOnlySpan<byte> bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return crc & 0xFFFF;
    }
}
