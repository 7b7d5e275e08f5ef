namespace Sip;

/// <summary>Splits comma-separated header values (RFC 3261 §7.3.1) without breaking quoted strings or &lt;URIs&gt;.</summary>
public static class HeaderValueSplitter
{
    public static List<string> SplitCommas(string value)
    {
        var parts = new List<string>(2);
        var start = 0;
        var inQuotes = false;
        var inAngle = false;
        for (var i = 0; i < value.Length; i++)
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
                    parts.Add(value[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        var last = value[start..].Trim();
        if (last.Length > 0 || parts.Count == 0)
        {
            parts.Add(last);
        }

        return parts;
    }
}
