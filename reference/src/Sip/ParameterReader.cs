namespace Sip;

/// <summary>
/// <c>name[=value]</c> parameters after a leading separator (RFC 3261 §25.1 generic-param), one by one as ranges of the
/// text, a separator inside a quoted value kept in the value. Stops at the end or at a part the grammar has no room
/// for, which <see cref="Malformed"/> then tells: an open quote, a name that is not a token, or an empty parameter
/// (";;" — RFC 4475 §3.1.2.1). A separator closing the text is tolerated.
/// </summary>
internal ref struct ParameterReader(ReadOnlySpan<byte> text, byte separator = (byte)';')
{
    private readonly ReadOnlySpan<byte> _text = text;
    private readonly byte _separator = separator;
    private int _next;

    public bool Malformed { get; private set; }

    /// <summary>Whether the whole text reads as parameters.</summary>
    public static bool IsValid(ReadOnlySpan<byte> text)
    {
        var reader = new ParameterReader(text);
        while (reader.Next(out _, out _, out _, out _))
        {
        }

        return !reader.Malformed;
    }

    /// <summary>Whether the text names <paramref name="wanted"/> (case-insensitively) before anything malformed.</summary>
    public static bool Has(ReadOnlySpan<byte> text, ReadOnlySpan<char> wanted)
    {
        var reader = new ParameterReader(text);
        while (reader.Next(out var nameStart, out var nameEnd, out _, out _))
        {
            if (System.Text.Ascii.EqualsIgnoreCase(text[nameStart..nameEnd], wanted))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The next parameter's name and value as offsets of the text, both trimmed; <paramref name="valueStart"/> is -1 for
    /// a parameter without "=". False at the end or at a malformed part.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Next(out int nameStart, out int nameEnd, out int valueStart, out int valueEnd)
    {
        nameStart = nameEnd = valueEnd = 0;
        valueStart = -1;
        if (_next >= _text.Length || Malformed)
        {
            return false;
        }

        var start = _next;
        var i = start;
        while (i < _text.Length)
        {
            var next = _text[i..].IndexOfAny(_separator, (byte)'"');
            if (next < 0)
            {
                i = _text.Length;
                break;
            }

            i += next;
            if (_text[i] == _separator)
            {
                break;
            }

            i = ByteGrammar.ClosingQuote(_text, i + 1);
            if (i >= _text.Length)
            {
                Malformed = true;
                return false;
            }

            i++;
        }

        _next = i + 1;
        var end = i;
        while (start < end && ByteGrammar.IsWhiteSpace(_text[start]))
        {
            start++;
        }

        while (end > start && ByteGrammar.IsWhiteSpace(_text[end - 1]))
        {
            end--;
        }

        var eq = _text[start..end].IndexOf((byte)'=');
        nameStart = start;
        nameEnd = eq < 0 ? end : start + eq;
        while (nameEnd > nameStart && ByteGrammar.IsWhiteSpace(_text[nameEnd - 1]))
        {
            nameEnd--;
        }

        // An empty part (";;", RFC 4475 §3.1.2.1) or a name that is not a token: no room in the grammar.
        if (!SipGrammar.IsToken(_text[nameStart..nameEnd]))
        {
            Malformed = true;
            return false;
        }

        if (eq >= 0)
        {
            valueStart = start + eq + 1;
            valueEnd = end;
            while (valueStart < valueEnd && ByteGrammar.IsWhiteSpace(_text[valueStart]))
            {
                valueStart++;
            }
        }

        return true;
    }
}
