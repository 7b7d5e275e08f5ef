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
        while (reader.Next(out _, out _, out _))
        {
        }

        return !reader.Malformed;
    }

    /// <summary>Whether the text names <paramref name="wanted"/> (case-insensitively) before anything malformed.</summary>
    public static bool Has(ReadOnlySpan<byte> text, ReadOnlySpan<char> wanted)
    {
        var reader = new ParameterReader(text);
        while (reader.Next(out var name, out _, out _))
        {
            if (System.Text.Ascii.EqualsIgnoreCase(text[name], wanted))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The next parameter's name and value (trimmed), or false at the end or at a malformed part.</summary>
    public bool Next(out Range name, out Range value, out bool hasValue)
    {
        name = value = default;
        hasValue = false;
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
        var part = ByteGrammar.TrimmedRange(_text[start..i]);
        if (part.Start.Value == part.End.Value)
        {
            Malformed = true;
            return false;
        }

        part = ByteGrammar.Shift(part, start);
        var partText = _text[part];
        var eq = partText.IndexOf((byte)'=');
        name = ByteGrammar.Shift(ByteGrammar.TrimmedRange(eq < 0 ? partText : partText[..eq]), part.Start.Value);
        if (!SipGrammar.IsToken(_text[name]))
        {
            Malformed = true;
            return false;
        }

        hasValue = eq >= 0;
        if (hasValue)
        {
            value = ByteGrammar.Shift(ByteGrammar.TrimmedRange(partText[(eq + 1)..]), part.Start.Value + eq + 1);
        }

        return true;
    }
}
