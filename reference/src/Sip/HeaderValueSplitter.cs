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
    public static int NextSeparator(ReadOnlySpan<char> value, int start)
    {
        var inQuotes = false;
        var inAngle = false;
        for (var i = start; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case '<':
                    inAngle = true;
                    break;
                case '>':
                    inAngle = false;
                    break;
                case ',' when !inAngle:
                    return i;
            }
        }

        return -1;
    }
}
