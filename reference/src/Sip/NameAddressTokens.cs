namespace Sip;

/// <summary>
/// Where the parts of a name-addr or addr-spec with header parameters lie in its bytes (From, To, Contact, Route:
/// RFC 3261 §20.10 and §25.1): the one reading the parser's check and <see cref="NameAddress"/> both use. Ranges are
/// of the text given to <see cref="TryRead"/>.
/// </summary>
internal struct NameAddressTokens
{
    /// <summary>The display-name as written (quotes included), empty when there is none.</summary>
    public Range Display;

    /// <summary>The URI: inside the angle brackets, or an addr-spec up to its first ';'.</summary>
    public Range Uri;

    /// <summary>The URI's parts, as ranges of the URI (<c>text[Uri]</c>).</summary>
    public UriTokens UriParts;

    /// <summary>The header parameters after their leading ';' (which is not included).</summary>
    public Range Parameters;

    public static bool TryRead(ReadOnlySpan<byte> text, out NameAddressTokens tokens)
    {
        tokens = default;
        if (!TrySplit(text, out var lt, out var uriStart, out var uriEnd, out var paramStart, out var paramEnd))
        {
            return false;
        }

        var uriText = text[uriStart..uriEnd];
        if (lt >= 0)
        {
            var displayStart = ByteGrammar.LeadingWhiteSpace(text[..lt]);
            var display = ByteGrammar.TrimEnd(text[displayStart..lt]);
            if (!display.IsEmpty &&
                (display[0] == '"' ? display.Length < 2 || display[^1] != '"' : !ByteGrammar.IsTokenSequence(display)))
            {
                // A quoted display-name is closed; an unquoted one is tokens and spaces only (RFC 4475 §3.1.2.15).
                return false;
            }

            tokens.Display = displayStart..(displayStart + display.Length);
        }
        else if (uriText.IndexOfAny(" \t,?\""u8) >= 0)
        {
            // An addr-spec holding ",", "?" or whitespace must be enclosed in angle brackets (RFC 3261 §20.10; RFC 4475 §3.1.2.13-14).
            return false;
        }

        var parameters = text[paramStart..paramEnd];
        if (!parameters.IsEmpty && parameters[0] != ';')
        {
            return false;
        }

        tokens.Uri = uriStart..uriEnd;
        tokens.Parameters = parameters.IsEmpty ? default : (paramStart + 1)..paramEnd;
        return UriTokens.TryRead(uriText, out tokens.UriParts) && ParameterReader.IsValid(parameters.IsEmpty ? [] : parameters[1..]);
    }

    /// <summary>
    /// Whether the header parameters (those after <c>&gt;</c>, or after the first <c>;</c> of an addr-spec) name
    /// <paramref name="name"/>: a URI's own parameters never count. False for a value whose parameters do not read.
    /// </summary>
    public static bool HasParameter(ReadOnlySpan<byte> text, ReadOnlySpan<char> name)
    {
        if (!TrySplit(text, out _, out _, out _, out var paramStart, out var paramEnd))
        {
            return false;
        }

        var parameters = text[paramStart..paramEnd];
        return parameters.Length > 1 && parameters[0] == ';' && ParameterReader.Has(parameters[1..], name);
    }

    /// <summary>
    /// Where a value's URI and header parameters lie: inside and after the first unquoted <c>&lt;…&gt;</c>
    /// (<paramref name="lt"/> its <c>&lt;</c>), or for an addr-spec (<paramref name="lt"/> -1) before and from its
    /// first <c>;</c>. False when a <c>&lt;</c> has no <c>&gt;</c>.
    /// </summary>
    private static bool TrySplit(ReadOnlySpan<byte> text, out int lt, out int uriStart, out int uriEnd, out int paramStart, out int paramEnd)
    {
        var offset = ByteGrammar.LeadingWhiteSpace(text);
        var s = ByteGrammar.TrimEnd(text[offset..]);
        uriStart = uriEnd = paramStart = paramEnd = 0;
        lt = -1;
        if (s.IsEmpty)
        {
            return false;
        }

        var open = ByteGrammar.IndexOfUnquoted(s, (byte)'<');
        if (open >= 0)
        {
            lt = offset + open;
            var gt = s[(open + 1)..].IndexOf((byte)'>');
            if (gt < 0)
            {
                return false;
            }

            gt += open + 1;
            uriStart = offset + open + 1;
            uriEnd = offset + gt;
            paramStart = offset + gt + 1 + ByteGrammar.LeadingWhiteSpace(s[(gt + 1)..]);
            paramEnd = offset + s.Length;
            return true;
        }

        var semi = s.IndexOf((byte)';');
        uriStart = offset;
        uriEnd = offset + ByteGrammar.TrimEnd(semi < 0 ? s : s[..semi]).Length;
        paramStart = semi < 0 ? offset + s.Length : offset + semi;
        paramEnd = offset + s.Length;
        return true;
    }
}
