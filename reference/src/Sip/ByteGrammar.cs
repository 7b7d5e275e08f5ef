using System.Buffers;
using System.Text;

namespace Sip;

/// <summary>
/// The small pieces of the RFC 3261 §25.1 grammar the tokenizers (<see cref="UriTokens"/>, <see cref="NameAddressTokens"/>,
/// <see cref="ViaTokens"/>, <see cref="ParameterReader"/>) are built from, all over wire bytes. Every delimiter and
/// character class of that grammar is ASCII and UTF-8 never puts an ASCII byte inside another character, so the bytes
/// of a value are read as they came, whatever else it holds.
/// </summary>
internal static class ByteGrammar
{
    /// <summary>A reading of wire bytes into a value, for <see cref="ReadChars{T}"/>.</summary>
    public delegate bool ByteReader<T>(ReadOnlySpan<byte> bytes, out T value);

    /// <summary>A reading of wire bytes that needs something more than the bytes, for <see cref="ReadChars{TState, T}"/>.</summary>
    public delegate bool ByteReader<in TState, T>(ReadOnlySpan<byte> bytes, TState state, out T value);

    private const int StackBytes = 512;

    private static readonly SearchValues<byte> SeparatorBytes = SearchValues.Create("\",<>"u8);

    private static readonly SearchValues<byte> HostBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-[]:"u8);

    /// <summary>
    /// Reads text held as characters (a header set by code, a configured route) with the same byte grammar: it is
    /// encoded to UTF-8 on the stack, or in a pooled array when long, and handed to <paramref name="read"/>.
    /// </summary>
    public static bool ReadChars<T>(ReadOnlySpan<char> text, ByteReader<T> read, out T value) =>
        ReadChars(text, read, static (ReadOnlySpan<byte> bytes, ByteReader<T> reader, out T result) => reader(bytes, out result), out value);

    /// <summary>As <see cref="ReadChars{T}"/>, handing <paramref name="state"/> on, so that the reader need capture nothing.</summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public static bool ReadChars<TState, T>(ReadOnlySpan<char> text, TState state, ByteReader<TState, T> read, out T value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > StackBytes ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackBytes];
        try
        {
            return read(buffer[..Encoding.UTF8.GetBytes(text, buffer)], state, out value);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Applies <paramref name="check"/> to each comma-separated value, split as <see cref="NextSeparator"/> splits.</summary>
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

    /// <summary>
    /// The index of the next comma at or after <paramref name="start"/> that separates values (outside quoted strings
    /// and angle brackets, RFC 3261 §7.3.1), or -1; jumps between the bytes that matter.
    /// </summary>
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

    /// <summary>
    /// host [ COLON port ] with COLON = SWS ":" SWS (RFC 3261 §25.1); <paramref name="host"/> is where the host lies in
    /// <paramref name="hostPort"/>, <paramref name="port"/> -1 when none is given. Leading zeros of a port are legal
    /// (RFC 4475 §3.1.1.6); its value must still fit.
    /// </summary>
    public static bool TryHostPort(ReadOnlySpan<byte> hostPort, out Range host, out int port)
    {
        host = default;
        port = -1;
        if (hostPort.IsEmpty)
        {
            return false;
        }

        int hostEnd;
        ReadOnlySpan<byte> afterHost;
        if (hostPort[0] == '[')
        {
            var close = hostPort.IndexOf((byte)']');
            if (close < 0)
            {
                return false;
            }

            hostEnd = close + 1;
            afterHost = TrimStart(hostPort[hostEnd..]);
            if (!afterHost.IsEmpty && afterHost[0] != ':')
            {
                return false;
            }
        }
        else
        {
            var colon = hostPort.IndexOf((byte)':');
            hostEnd = colon < 0 ? hostPort.Length : TrimEnd(hostPort[..colon]).Length;
            afterHost = colon < 0 ? [] : hostPort[colon..];
        }

        var hostText = hostPort[..hostEnd];
        if (hostText.IsEmpty || hostText.ContainsAnyExcept(HostBytes))
        {
            return false;
        }

        host = ..hostEnd;
        if (afterHost.IsEmpty)
        {
            return true;
        }

        if (!TryDigits(TrimStart(afterHost[1..]), int.MaxValue, out var value) || value > 65535)
        {
            return false;
        }

        port = (int)value;
        return true;
    }

    /// <summary>CSeq = 1*DIGIT LWS Method: a 32-bit number (leading zeros allowed) and a token.</summary>
    public static bool TryCSeq(ReadOnlySpan<byte> text, out uint sequence, out ReadOnlySpan<byte> method)
    {
        method = default;
        sequence = 0;
        text = text.Trim(" \t"u8);
        var gap = text.IndexOfAny((byte)' ', (byte)'\t');
        if (gap <= 0)
        {
            return false;
        }

        method = text[gap..].TrimStart(" \t"u8);
        if (!TryDigits(text[..gap], uint.MaxValue, out var number) || !SipGrammar.IsToken(method))
        {
            return false;
        }

        sequence = (uint)number;
        return true;
    }

    /// <summary>Digits only, leading zeros allowed; false when empty or past <paramref name="max"/>.</summary>
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

    /// <summary>The index of the '"' closing a quoted string whose content starts at <paramref name="start"/> (quoted-pairs honoured), or the length.</summary>
    public static int ClosingQuote(ReadOnlySpan<byte> text, int start)
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

    /// <summary>The first <paramref name="target"/> outside quoted strings, or -1.</summary>
    public static int IndexOfUnquoted(ReadOnlySpan<byte> s, byte target)
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

    /// <summary>
    /// Case-insensitive comparison with lower-case ASCII letters: <c>b | 0x20</c> lowers a letter and turns no other
    /// byte into a lower-case letter. Cheaper than a general comparison for the two to four letters of a scheme.
    /// </summary>
    public static bool EqualsLetters(ReadOnlySpan<byte> span, ReadOnlySpan<byte> lowerLetters)
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

    /// <summary>*(token / LWS), the unquoted form of a display-name.</summary>
    public static bool IsTokenSequence(ReadOnlySpan<byte> text)
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

    /// <summary>HT, LF, VT, FF, CR and SP: what surrounds a value once its line is cut out or its folds joined.</summary>
    public static bool IsWhiteSpace(byte b) => b is (>= 9 and <= 13) or 32;

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span) => TrimEnd(TrimStart(span));

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> span) => span[LeadingWhiteSpace(span)..];

    public static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> span)
    {
        var end = span.Length;
        while (end > 0 && IsWhiteSpace(span[end - 1]))
        {
            end--;
        }

        return span[..end];
    }

    /// <summary>Where <paramref name="span"/> lies trimmed, as a range of it.</summary>
    public static Range TrimmedRange(ReadOnlySpan<byte> span)
    {
        var start = LeadingWhiteSpace(span);
        return start..(start + TrimEnd(span[start..]).Length);
    }

    /// <summary>A range of a slice that starts at <paramref name="offset"/>, made a range of the whole.</summary>
    public static Range Shift(Range range, int offset) => (range.Start.Value + offset)..(range.End.Value + offset);

    /// <summary>How many white-space bytes open <paramref name="span"/>.</summary>
    public static int LeadingWhiteSpace(ReadOnlySpan<byte> span)
    {
        var start = 0;
        while (start < span.Length && IsWhiteSpace(span[start]))
        {
            start++;
        }

        return start;
    }
}
