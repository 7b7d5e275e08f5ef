using System.Globalization;
using System.Text;

namespace Conformance.Harness.Evidence;

/// <summary>Bytes off the wire as text for evidence: printable ASCII, CR, LF and tab kept, anything else shown as \xNN.</summary>
public static class WireText
{
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is (>= 0x20 and < 0x7f) or (byte)'\r' or (byte)'\n' or (byte)'\t')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return text.ToString();
    }

    /// <summary>The first line of a SIP message (request or status line), or the byte count when the bytes are not text.</summary>
    public static string FirstLine(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
        var line = Printable(end < 0 ? bytes[..Math.Min(bytes.Length, 80)] : bytes[..Math.Min(end, 120)]);
        return line.Length > 0 ? line : $"{bytes.Length} bytes";
    }
}
