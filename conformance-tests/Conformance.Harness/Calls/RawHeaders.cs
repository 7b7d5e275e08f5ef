using System.Text;

namespace Conformance.Harness.Calls;

/// <summary>
/// Reads header values straight from a SIP message's wire bytes, apart from any SIP parser, so that "forwarded
/// unchanged" is judged on the bytes that were sent and the bytes that arrived. Names match case-insensitively, with
/// their compact forms (RFC 3261 §7.3.3); a folded value keeps its continuation lines as they were.
/// </summary>
public static class RawHeaders
{
    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["From"] = "f", ["To"] = "t", ["Call-ID"] = "i", ["Via"] = "v", ["Contact"] = "m", ["Content-Type"] = "c", ["Content-Length"] = "l",
    };

    /// <summary>The value bytes of every header line named <paramref name="name"/>, in order, without the name, the colon and the white space around the value.</summary>
    public static IReadOnlyList<byte[]> Values(ReadOnlySpan<byte> message, string name)
    {
        var values = new List<byte[]>();
        var end = message.IndexOf("\r\n\r\n"u8);
        var head = end < 0 ? message : message[..end];
        var first = head.IndexOf("\r\n"u8);
        if (first < 0)
        {
            return values;
        }

        var lines = new List<(int Start, int Length)>();
        var at = first + 2;
        while (at < head.Length)
        {
            var next = head[at..].IndexOf("\r\n"u8);
            var length = next < 0 ? head.Length - at : next;
            if (length > 0 && (head[at] == (byte)' ' || head[at] == (byte)'\t') && lines.Count > 0)
            {
                // A continuation line belongs to the header above it.
                var (start, _) = lines[^1];
                lines[^1] = (start, at + length - start);
            }
            else
            {
                lines.Add((at, length));
            }

            at += length + 2;
        }

        Compact.TryGetValue(name, out var compact);
        foreach (var (start, length) in lines)
        {
            var line = head.Slice(start, length);
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var lineName = Encoding.ASCII.GetString(line[..colon]).Trim();
            if (lineName.Equals(name, StringComparison.OrdinalIgnoreCase) || (compact is not null && lineName.Equals(compact, StringComparison.OrdinalIgnoreCase)))
            {
                values.Add(line[(colon + 1)..].Trim(" \t"u8).ToArray());
            }
        }

        return values;
    }

    /// <summary>The user part of the URI in a From, To or P-Asserted-Identity value, as bytes: between "sip:", "sips:" or "tel:" and the first '@', ';' or '>'.</summary>
    public static byte[]? UserPart(ReadOnlySpan<byte> value)
    {
        var text = value;
        var open = text.IndexOf((byte)'<');
        if (open >= 0)
        {
            text = text[(open + 1)..];
        }

        foreach (var scheme in new[] { "sips:"u8.ToArray(), "sip:"u8.ToArray(), "tel:"u8.ToArray() })
        {
            var found = IndexOfIgnoreCase(text, scheme);
            if (found < 0)
            {
                continue;
            }

            var rest = text[(found + scheme.Length)..];
            var stop = rest.IndexOfAny("@;>"u8);
            return (stop < 0 ? rest : rest[..stop]).ToArray();
        }

        return null;
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> ascii)
    {
        for (var i = 0; i + ascii.Length <= text.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(i, ascii.Length), ascii))
            {
                return i;
            }
        }

        return -1;
    }
}
