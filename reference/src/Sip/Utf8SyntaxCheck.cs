using System.Buffers;
using System.Text;

namespace Sip;

/// <summary>
/// <see cref="SyntaxCheck"/>'s grammar read straight from the wire bytes, so the parser checks Via, From, To,
/// Contact, CSeq and the Request-URI without decoding them first. Only for ASCII values: every delimiter and
/// character class of that grammar is ASCII, and UTF-8 never puts an ASCII byte inside another character, so on
/// ASCII input both agree byte for byte; a value holding other characters goes to <see cref="SyntaxCheck"/>, whose
/// trimming also knows Unicode white space.
/// </summary>
internal static class Utf8SyntaxCheck
{
    private static readonly SearchValues<byte> SeparatorBytes = SearchValues.Create("\",<>"u8);

    private static readonly SearchValues<byte> HostBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:"u8);

    /// <summary>Applies <paramref name="check"/> to each comma-separated value, split as <see cref="HeaderValueSplitter"/> splits.</summary>
    public static bool AllCommaParts(ReadOnlySpan<byte> value, Func<ReadOnlySpan<byte>, bool> check)
    {
        var start = 0;
        var parts = 0;
        for (var comma = NextSeparator(value, 0); comma >= 0; comma = NextSeparator(value, start))
        {
            if (!check(Trim(value[start..comma])))
            {
                return false;
            }

            parts++;
            start = comma + 1;
        }

        var last = Trim(value[start..]);
        return (last.IsEmpty && parts > 0) || check(last);
    }

    /// <summary>Same grammar as <see cref="SyntaxCheck.IsVia"/>.</summary>
    public static bool IsVia(ReadOnlySpan<byte> text)
    {
        var s = Trim(text);
        if (s.IsEmpty)
        {
            return false;
        }

        // Nearly every Via opens with "SIP/2.0/" written tight; only other spellings have their slashes searched for.
        var afterProtocol = s.Length > 8 && EqualsLetters(s[..3], "sip"u8) && s[3..8].SequenceEqual("/2.0/"u8) ? TrimStart(s[8..]) : AfterSpacedProtocol(s);
        if (afterProtocol.IsEmpty)
        {
            return false;
        }

        var space = afterProtocol.IndexOfAny((byte)' ', (byte)'\t');
        if (space <= 0 || !SipGrammar.IsToken(afterProtocol[..space]))
        {
            return false;
        }

        var sentByAndParams = Trim(afterProtocol[space..]);
        var semi = sentByAndParams.IndexOf((byte)';');
        var sentBy = semi < 0 ? sentByAndParams : sentByAndParams[..semi];
        var parameters = semi < 0 ? [] : sentByAndParams[(semi + 1)..];
        return (sentBy.IndexOf((byte)' ') < 0 ? IsHostPort(sentBy) : IsSpacedHostPort(sentBy)) && IsParameters(parameters);
    }

    /// <summary>What follows the protocol of a Via however it is spelled (white space around its parts, any case); empty when the value does not open with it.</summary>
    private static ReadOnlySpan<byte> AfterSpacedProtocol(ReadOnlySpan<byte> s)
    {
        var slash1 = s.IndexOf((byte)'/');
        var slash2 = slash1 < 0 ? -1 : s[(slash1 + 1)..].IndexOf((byte)'/');
        if (slash2 < 0)
        {
            return [];
        }

        slash2 += slash1 + 1;
        if (!EqualsLetters(Trim(s[..slash1]), "sip"u8) || !Trim(s[(slash1 + 1)..slash2]).SequenceEqual("2.0"u8))
        {
            return [];
        }

        return TrimStart(s[(slash2 + 1)..]);
    }

    /// <summary>
    /// "host : port" is legal LWS; the rare case checks a copy without the spaces. Apart, so that the stack copy does
    /// not make <see cref="IsVia"/> compile straight to optimized code, without the profile-guided kind.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsSpacedHostPort(ReadOnlySpan<byte> sentBy)
    {
        Span<byte> compact = stackalloc byte[sentBy.Length];
        var length = 0;
        foreach (var b in sentBy)
        {
            if (b != ' ')
            {
                compact[length++] = b;
            }
        }

        return IsHostPort(compact[..length]);
    }

    /// <summary>Same grammar as <see cref="SyntaxCheck.IsNameAddress"/>.</summary>
    public static bool IsNameAddress(ReadOnlySpan<byte> text)
    {
        var s = Trim(text);
        if (s.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<byte> uriText;
        ReadOnlySpan<byte> paramText;
        var lt = IndexOfUnquoted(s, (byte)'<');
        if (lt >= 0)
        {
            var gt = s[(lt + 1)..].IndexOf((byte)'>');
            if (gt < 0)
            {
                return false;
            }

            gt += lt + 1;
            var display = Trim(s[..lt]);
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
            paramText = Trim(s[(gt + 1)..]);
        }
        else
        {
            var semi = s.IndexOf((byte)';');
            uriText = TrimEnd(semi < 0 ? s : s[..semi]);
            paramText = semi < 0 ? [] : s[semi..];
            if (uriText.IndexOfAny(" \t,?\""u8) >= 0)
            {
                return false;
            }
        }

        if (!paramText.IsEmpty && paramText[0] != ';')
        {
            return false;
        }

        return IsUri(uriText, out _) && IsParameters(paramText.IsEmpty ? [] : paramText[1..]);
    }

    /// <summary>Same grammar as <see cref="SyntaxCheck.IsUri"/>.</summary>
    public static bool IsUri(ReadOnlySpan<byte> text, out bool hasHeaders)
    {
        hasHeaders = false;
        var s = Trim(text);
        if (s.IsEmpty || s.IndexOfAny(" \t\r\n"u8) >= 0)
        {
            return false;
        }

        var colon = s.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        var scheme = s[..colon];
        var rest = s[(colon + 1)..];
        if (EqualsLetters(scheme, "tel"u8))
        {
            var semi = rest.IndexOf((byte)';');
            var number = semi < 0 ? rest : rest[..semi];
            return !number.IsEmpty && IsParameters(semi < 0 ? [] : rest[(semi + 1)..]);
        }

        if (!EqualsLetters(scheme, "sip"u8) && !EqualsLetters(scheme, "sips"u8))
        {
            return false;
        }

        var firstAt = rest.IndexOf((byte)'@');
        var question = rest[(firstAt + 1)..].IndexOf((byte)'?');
        if (question >= 0)
        {
            hasHeaders = true;
            rest = rest[..(firstAt + 1 + question)];
        }

        // The '?' was looked for after the first '@', so that '@' is still the first; the user before it (and before any
        // ':' of a password) may not be empty.
        if (firstAt >= 0)
        {
            if (firstAt == 0 || rest[0] == ':')
            {
                return false;
            }

            rest = rest[(firstAt + 1)..];
        }

        var paramStart = rest.IndexOf((byte)';');
        var hostPort = paramStart < 0 ? rest : rest[..paramStart];
        return IsParameters(paramStart < 0 ? [] : rest[(paramStart + 1)..]) && IsHostPort(hostPort);
    }

    /// <summary>Same grammar as <see cref="SyntaxCheck.IsHostPort"/>.</summary>
    public static bool IsHostPort(ReadOnlySpan<byte> hostPort)
    {
        if (hostPort.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<byte> host;
        ReadOnlySpan<byte> portText;
        if (hostPort[0] == '[')
        {
            var close = hostPort.IndexOf((byte)']');
            if (close < 0 || (close + 1 < hostPort.Length && hostPort[close + 1] != ':'))
            {
                return false;
            }

            host = hostPort[..(close + 1)];
            portText = close + 1 < hostPort.Length ? hostPort[(close + 2)..] : [];
        }
        else
        {
            var colon = hostPort.IndexOf((byte)':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? [] : hostPort[(colon + 1)..];
            if (colon >= 0 && portText.IsEmpty)
            {
                return false;
            }
        }

        return !host.IsEmpty && !host.ContainsAnyExcept(HostBytes) && (portText.IsEmpty || (TryDigits(portText, int.MaxValue, out var port) && port <= 65535));
    }

    /// <summary>Same grammar as <see cref="SipParameters.IsValid"/>: <c>name[=value]</c> separated by ';', quoted values allowed.</summary>
    public static bool IsParameters(ReadOnlySpan<byte> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length)
            {
                var next = text[i..].IndexOfAny((byte)';', (byte)'"');
                if (next < 0)
                {
                    i = text.Length;
                    break;
                }

                i += next;
                if (text[i] == ';')
                {
                    break;
                }

                i = ClosingQuote(text, i + 1);
                if (i >= text.Length)
                {
                    // An unterminated quoted string.
                    return false;
                }

                i++;
            }

            var part = Trim(text[start..i]);
            i++;
            if (part.IsEmpty)
            {
                // ";;" or a trailing ";" is an empty parameter, which the grammar has no room for (RFC 4475 §3.1.2.1).
                return false;
            }

            var eq = part.IndexOf((byte)'=');
            var name = Trim(eq < 0 ? part : part[..eq]);
            if (!SipGrammar.IsToken(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Same reading as <see cref="CSeqHeader.TryParse(ReadOnlySpan{char}, out uint, out ReadOnlySpan{char})"/>.</summary>
    public static bool TryCSeq(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> method)
    {
        method = default;
        text = text.Trim(" \t"u8);
        var gap = text.IndexOfAny((byte)' ', (byte)'\t');
        if (gap <= 0)
        {
            return false;
        }

        method = text[gap..].TrimStart(" \t"u8);
        return TryDigits(text[..gap], uint.MaxValue, out _) && SipGrammar.IsToken(method);
    }

    /// <summary>Same splitting as <see cref="HeaderValueSplitter.NextSeparator"/>, jumping between the bytes that matter.</summary>
    public static int NextSeparator(ReadOnlySpan<byte> value, int start)
    {
        var inAngle = false;
        var i = start;
        while (i < value.Length)
        {
            var next = value[i..].IndexOfAny(SeparatorBytes);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            switch (value[i])
            {
                case (byte)'"':
                    i = ClosingQuote(value, i + 1);
                    break;
                case (byte)'<':
                    inAngle = true;
                    break;
                case (byte)'>':
                    inAngle = false;
                    break;
                case (byte)',' when !inAngle:
                    return i;
            }

            i++;
        }

        return -1;
    }

    /// <summary>Digits only, leading zeros allowed; false when empty or past <paramref name="max"/> (as NumberStyles.None parsing).</summary>
    public static bool TryDigits(ReadOnlySpan<byte> span, long max, out long value)
    {
        value = 0;
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var b in span)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index of the '"' closing a quoted string whose content starts at <paramref name="start"/> (backslash escapes honoured), or the length.</summary>
    private static int ClosingQuote(ReadOnlySpan<byte> text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0)
            {
                return text.Length;
            }

            i += next;
            if (text[i] == '"')
            {
                return i;
            }

            i += 2;
        }

        return text.Length;
    }

    /// <summary>
    /// Case-insensitive comparison with lower-case ASCII letters: <c>b | 0x20</c> lowers a letter and turns no other
    /// byte into a lower-case letter. Cheaper than a general comparison for the two to four letters of a scheme.
    /// </summary>
    private static bool EqualsLetters(ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerLetters)
    {
        if (span.Length != lowerLetters.Length)
        {
            return false;
        }

        for (var i = 0; i < span.Length; i++)
        {
            if ((span[i] | 0x20) != lowerLetters[i])
            {
                return false;
            }
        }

        return true;
    }

    // char.IsWhiteSpace over ASCII: HT, LF, VT, FF, CR and SP.
    private static bool IsWhiteSpace(byte b) => b is (>= 9 and <= 13) or 32;

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span) => TrimEnd(TrimStart(span));

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> span)
    {
        var start = 0;
        while (start < span.Length && IsWhiteSpace(span[start]))
        {
            start++;
        }

        return span[start..];
    }

    private static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> span)
    {
        var end = span.Length;
        while (end > 0 && IsWhiteSpace(span[end - 1]))
        {
            end--;
        }

        return span[..end];
    }

    private static bool IsTokenSequence(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (!SipGrammar.IsTokenByte(b) && b is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first <paramref name="target"/> outside quoted strings, as <see cref="SyntaxCheck.IndexOfUnquoted"/>.</summary>
    private static int IndexOfUnquoted(ReadOnlySpan<byte> s, byte target)
    {
        var i = 0;
        while (i < s.Length)
        {
            var next = s[i..].IndexOfAny((byte)'"', target);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (s[i] == target)
            {
                return i;
            }

            i = ClosingQuote(s, i + 1) + 1;
        }

        return -1;
    }
}
