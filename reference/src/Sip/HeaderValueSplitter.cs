namespace Sip;

/// <summary>Splits comma-separated header values (RFC 3261 §7.3.1) without breaking quoted strings or &lt;URIs&gt;.</summary>
public static class HeaderValueSplitter
{
    public static List<string> SplitCommas(string value)
    {
        var parts = new List<string>(2);
        var start = 0;
        for (var comma = NextSeparator(value, 0); comma >= 0; comma = NextSeparator(value, start))
        {
            parts.Add(value[start..comma].Trim());
            start = comma + 1;
        }

        var last = value[start..].Trim();
        if (last.Length > 0 || parts.Count == 0)
        {
            parts.Add(last);
        }

        return parts;
    }

    /// <summary>
    /// The index of the next comma at or after <paramref name="start"/> that separates values (outside quoted strings
    /// and angle brackets), or -1. Allocation-free, so the parser's validation can walk values with it too.
    /// </summary>
    public static int NextSeparator(ReadOnlySpan<char> value, int start) => NextSeparatorOf(value, start);

    /// <summary>As <see cref="NextSeparator(ReadOnlySpan{char}, int)"/>, over a value's wire bytes (every delimiter is ASCII).</summary>
    internal static int NextSeparator(ReadOnlySpan<byte> value, int start) => ByteGrammar.NextSeparator(value, start);

    private static int NextSeparatorOf(ReadOnlySpan<char> value, int start)
    {
        const char quote = '"', escape = '\\', open = '<', close = '>', comma = ',';
        var inQuotes = false;
        var inAngle = false;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == escape)
                {
                    i++;
                }
                else if (c == quote)
                {
                    inQuotes = false;
                }
            }
            else if (c == quote)
            {
                inQuotes = true;
            }
            else if (c == open)
            {
                inAngle = true;
            }
            else if (c == close)
            {
                inAngle = false;
            }
            else if (c == comma && !inAngle)
            {
                return i;
            }
        }

        return -1;
    }
}
