namespace Sip;

/// <summary>
/// Where the parts of one Via value lie in its bytes (RFC 3261 §25.1 via-parm = sent-protocol LWS sent-by
/// *( SEMI via-params ), sent-protocol = "SIP" SLASH "2.0" SLASH transport): the one reading the parser's check and
/// <see cref="ViaHeader"/> both use. Ranges are of the text given to <see cref="TryRead"/>.
/// </summary>
internal struct ViaTokens
{
    public Range Transport;

    public Range Host;

    /// <summary>The port, or -1 when none is written.</summary>
    public int Port;

    /// <summary>The parameters after the first ';' (which is not included).</summary>
    public Range Parameters;

    public static bool TryRead(ReadOnlySpan<byte> text, out ViaTokens tokens)
    {
        tokens = default;
        tokens.Port = -1;
        var offset = ByteGrammar.LeadingWhiteSpace(text);
        var s = ByteGrammar.TrimEnd(text[offset..]);
        if (s.IsEmpty)
        {
            return false;
        }

        // Nearly every Via opens with "SIP/2.0/" written tight; only other spellings have their slashes searched for.
        var afterProtocol = s.Length > 8 && ByteGrammar.EqualsLetters(s[..3], "sip"u8) && s[3..8].SequenceEqual("/2.0/"u8) ? 8 : AfterSpacedProtocol(s);
        if (afterProtocol < 0)
        {
            return false;
        }

        while (afterProtocol < s.Length && ByteGrammar.IsWhiteSpace(s[afterProtocol]))
        {
            afterProtocol++;
        }

        var space = s[afterProtocol..].IndexOfAny((byte)' ', (byte)'\t');
        if (space <= 0 || !SipGrammar.IsToken(s[afterProtocol..(afterProtocol + space)]))
        {
            return false;
        }

        tokens.Transport = (offset + afterProtocol)..(offset + afterProtocol + space);
        var sentByStart = afterProtocol + space;
        while (ByteGrammar.IsWhiteSpace(s[sentByStart]))
        {
            sentByStart++;
        }

        var sentByAndParams = s[sentByStart..];
        var semi = sentByAndParams.IndexOf((byte)';');
        var sentBy = ByteGrammar.TrimEnd(semi < 0 ? sentByAndParams : sentByAndParams[..semi]);
        tokens.Parameters = semi < 0 ? default : (offset + sentByStart + semi + 1)..(offset + s.Length);
        if (!ByteGrammar.TryHostPort(sentBy, out var host, out tokens.Port) || !ParameterReader.IsValid(semi < 0 ? [] : sentByAndParams[(semi + 1)..]))
        {
            return false;
        }

        tokens.Host = ByteGrammar.Shift(host, offset + sentByStart);
        return true;
    }

    /// <summary>Where what follows the protocol starts however it is spelled (white space around its parts, any case); -1 when the value does not open with it.</summary>
    private static int AfterSpacedProtocol(ReadOnlySpan<byte> s)
    {
        var slash1 = s.IndexOf((byte)'/');
        var slash2 = slash1 < 0 ? -1 : s[(slash1 + 1)..].IndexOf((byte)'/');
        if (slash2 < 0)
        {
            return -1;
        }

        slash2 += slash1 + 1;
        return ByteGrammar.EqualsLetters(ByteGrammar.Trim(s[..slash1]), "sip"u8) && ByteGrammar.Trim(s[(slash1 + 1)..slash2]).SequenceEqual("2.0"u8)
            ? slash2 + 1
            : -1;
    }
}
