namespace Sip;

/// <summary>
/// The grammar of <see cref="ViaHeader"/>, <see cref="NameAddress"/> and <see cref="SipUri"/> checked over
/// spans without building them. The parser validates every message it accepts, so this path must not
/// allocate; the TryParse methods of those types accept exactly the same texts and build the objects.
/// </summary>
internal static class SyntaxCheck
{
    public delegate bool PartCheck(ReadOnlySpan<char> part);

    /// <summary>Applies <paramref name="check"/> to each comma-separated value, split as <see cref="HeaderValueSplitter"/> splits.</summary>
    public static bool AllCommaParts(ReadOnlySpan<char> value, PartCheck check)
    {
        var start = 0;
        var parts = 0;
        for (var comma = HeaderValueSplitter.NextSeparator(value, 0); comma >= 0; comma = HeaderValueSplitter.NextSeparator(value, start))
        {
            if (!check(value[start..comma].Trim()))
            {
                return false;
            }

            parts++;
            start = comma + 1;
        }

        var last = value[start..].Trim();
        return (last.IsEmpty && parts > 0) || check(last);
    }

    /// <summary>Same grammar as <see cref="ViaHeader.TryParse"/>.</summary>
    public static bool IsVia(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        var slash1 = s.IndexOf('/');
        var slash2 = slash1 < 0 ? -1 : s[(slash1 + 1)..].IndexOf('/');
        if (slash2 < 0)
        {
            return false;
        }

        slash2 += slash1 + 1;
        if (!s[..slash1].Trim().Equals("SIP", StringComparison.OrdinalIgnoreCase) || !s[(slash1 + 1)..slash2].Trim().SequenceEqual("2.0"))
        {
            return false;
        }

        var afterProtocol = s[(slash2 + 1)..].TrimStart();
        var space = afterProtocol.IndexOfAny(' ', '\t');
        if (space <= 0 || !SipGrammar.IsToken(afterProtocol[..space]))
        {
            return false;
        }

        var sentByAndParams = afterProtocol[space..].Trim();
        var semi = sentByAndParams.IndexOf(';');
        var sentBy = semi < 0 ? sentByAndParams : sentByAndParams[..semi];
        if (sentBy.Contains(' '))
        {
            // "host : port" is legal LWS; the rare case pays for one copy without the spaces.
            sentBy = sentBy.ToString().Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        return IsHostPort(sentBy) && SipParameters.IsValid(semi < 0 ? [] : sentByAndParams[(semi + 1)..], ';');
    }

    /// <summary>Same grammar as <see cref="NameAddress.TryParse"/>.</summary>
    public static bool IsNameAddress(ReadOnlySpan<char> text)
    {
        var s = text.Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<char> uriText;
        ReadOnlySpan<char> paramText;
        var lt = IndexOfUnquoted(s, '<');
        if (lt >= 0)
        {
            var gt = s[(lt + 1)..].IndexOf('>');
            if (gt < 0)
            {
                return false;
            }

            gt += lt + 1;
            var display = s[..lt].Trim();
            if (!display.IsEmpty)
            {
                if (display[0] == '"' && (display.Length < 2 || display[^1] != '"'))
                {
                    return false;
                }

                if (display[0] != '"' && !IsTokenSequence(display))
                {
                    return false;
                }
            }

            uriText = s[(lt + 1)..gt];
            paramText = s[(gt + 1)..].Trim();
        }
        else
        {
            var semi = s.IndexOf(';');
            uriText = (semi < 0 ? s : s[..semi]).TrimEnd();
            paramText = semi < 0 ? [] : s[semi..];
            if (uriText.IndexOfAny(" \t,?\"") >= 0)
            {
                return false;
            }
        }

        if (!paramText.IsEmpty && paramText[0] != ';')
        {
            return false;
        }

        return IsUri(uriText, out _) && SipParameters.IsValid(paramText.IsEmpty ? [] : paramText[1..], ';');
    }

    /// <summary>Same grammar as <see cref="SipUri.TryParse"/>; <paramref name="hasHeaders"/> tells whether a sip URI carries "?headers".</summary>
    public static bool IsUri(ReadOnlySpan<char> text, out bool hasHeaders)
    {
        hasHeaders = false;
        var s = text.Trim();
        if (s.IsEmpty || s.IndexOfAny(" \t\r\n") >= 0)
        {
            return false;
        }

        var colon = s.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = s[..colon];
        var rest = s[(colon + 1)..];
        if (scheme.Equals("tel", StringComparison.OrdinalIgnoreCase))
        {
            var semi = rest.IndexOf(';');
            var number = semi < 0 ? rest : rest[..semi];
            return !number.IsEmpty && SipParameters.IsValid(semi < 0 ? [] : rest[(semi + 1)..], ';');
        }

        if (!scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var firstAt = rest.IndexOf('@');
        var question = rest[(firstAt + 1)..].IndexOf('?');
        if (question >= 0)
        {
            hasHeaders = true;
            rest = rest[..(firstAt + 1 + question)];
        }

        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var pw = userInfo.IndexOf(':');
            if ((pw < 0 ? userInfo : userInfo[..pw]).IsEmpty)
            {
                return false;
            }
        }

        var paramStart = rest.IndexOf(';');
        var hostPort = paramStart < 0 ? rest : rest[..paramStart];
        return SipParameters.IsValid(paramStart < 0 ? [] : rest[(paramStart + 1)..], ';') && IsHostPort(hostPort);
    }

    /// <summary>Same grammar as <see cref="SipUri.TrySplitHostPort"/>.</summary>
    public static bool IsHostPort(ReadOnlySpan<char> hostPort)
    {
        if (hostPort.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<char> host;
        ReadOnlySpan<char> portText;
        if (hostPort[0] == '[')
        {
            var close = hostPort.IndexOf(']');
            if (close < 0 || (close + 1 < hostPort.Length && hostPort[close + 1] != ':'))
            {
                return false;
            }

            host = hostPort[..(close + 1)];
            portText = close + 1 < hostPort.Length ? hostPort[(close + 2)..] : [];
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? [] : hostPort[(colon + 1)..];
            if (colon >= 0 && portText.IsEmpty)
            {
                return false;
            }
        }

        foreach (var c in host)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '[' or ']' or ':'))
            {
                return false;
            }
        }

        return !host.IsEmpty &&
            (portText.IsEmpty || (int.TryParse(portText, System.Globalization.NumberStyles.None, null, out var port) && port <= 65535));
    }

    private static bool IsTokenSequence(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!SipGrammar.IsTokenChar(c) && c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>First occurrence of a character outside quoted strings (escapes inside quotes honoured).</summary>
    internal static int IndexOfUnquoted(ReadOnlySpan<char> s, char target)
    {
        var inQuotes = false;
        for (var i = 0; i < s.Length; i++)
        {
            if (inQuotes && s[i] == '\\')
            {
                i++;
                continue;
            }

            if (s[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && s[i] == target)
            {
                return i;
            }
        }

        return -1;
    }
}
