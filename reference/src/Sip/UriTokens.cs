namespace Sip;

/// <summary>
/// Where the parts of a sip:, sips: or tel: URI lie in its bytes (RFC 3261 §19.1 and §25.1 SIP-URI, RFC 3966): the
/// one reading of a URI, which the parser's check and <see cref="SipUri"/> both use. Ranges are of the text given to
/// <see cref="TryRead"/>; a part that is absent has an empty range and its flag false.
/// </summary>
internal struct UriTokens
{
    // The scheme as flags rather than its string: a struct without references is filled through an out parameter
    // without write barriers, on every URI the parser checks.
    public bool IsTel;

    public bool IsSips;

    /// <summary>"sip", "sips" or "tel", the shared strings.</summary>
    public readonly string Scheme => IsTel ? "tel" : IsSips ? "sips" : "sip";

    public Range User;

    public bool HasUser;

    public Range Password;

    public bool HasPassword;

    /// <summary>The host of a sip or sips URI, the number of a tel URI.</summary>
    public Range Host;

    /// <summary>The port, or -1 when none is written.</summary>
    public int Port;

    /// <summary>The URI parameters after the first ';' (which is not included).</summary>
    public Range Parameters;

    /// <summary>The URI headers after the '?' (which is not included), a sip or sips URI only.</summary>
    public Range Headers;

    public bool HasHeaders;

    public static bool TryRead(ReadOnlySpan<byte> text, out UriTokens tokens)
    {
        tokens = default;
        tokens.Port = -1;
        var offset = ByteGrammar.LeadingWhiteSpace(text);
        var s = ByteGrammar.TrimEnd(text[offset..]);

        // LWS inside a URI (RFC 4475 §3.1.2.8 and §3.1.2.14) is never part of the grammar.
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
        var restStart = colon + 1;
        var rest = s[restStart..];
        if (ByteGrammar.EqualsLetters(scheme, "tel"u8))
        {
            var semi = rest.IndexOf((byte)';');
            var numberEnd = semi < 0 ? rest.Length : semi;
            tokens.IsTel = true;
            tokens.Host = (offset + restStart)..(offset + restStart + numberEnd);
            tokens.Parameters = semi < 0 ? default : (offset + restStart + semi + 1)..(offset + s.Length);
            return numberEnd > 0 && ParameterReader.IsValid(semi < 0 ? [] : rest[(semi + 1)..]);
        }

        tokens.IsSips = ByteGrammar.EqualsLetters(scheme, "sips"u8);
        if (!tokens.IsSips && !ByteGrammar.EqualsLetters(scheme, "sip"u8))
        {
            return false;
        }

        // The user part may hold "?" (user-unreserved) but never a bare "@", so URI headers start at the first "?" after the first "@".
        var firstAt = rest.IndexOf((byte)'@');
        var question = rest[(firstAt + 1)..].IndexOf((byte)'?');
        if (question >= 0)
        {
            question += firstAt + 1;
            tokens.HasHeaders = true;
            tokens.Headers = (offset + restStart + question + 1)..(offset + s.Length);
            rest = rest[..question];
        }

        var hostStart = 0;
        if (firstAt >= 0)
        {
            var userInfo = rest[..firstAt];
            var pw = userInfo.IndexOf((byte)':');
            var userEnd = pw < 0 ? firstAt : pw;
            if (userEnd == 0)
            {
                return false;
            }

            tokens.HasUser = true;
            tokens.User = (offset + restStart)..(offset + restStart + userEnd);
            tokens.HasPassword = pw >= 0;
            tokens.Password = pw < 0 ? default : (offset + restStart + pw + 1)..(offset + restStart + firstAt);
            hostStart = firstAt + 1;
        }

        var afterUser = rest[hostStart..];
        var paramStart = afterUser.IndexOf((byte)';');
        var hostPort = paramStart < 0 ? afterUser : afterUser[..paramStart];
        var hostPortOffset = offset + restStart + hostStart;
        tokens.Parameters = paramStart < 0 ? default : (hostPortOffset + paramStart + 1)..(hostPortOffset + afterUser.Length);
        if (!ParameterReader.IsValid(paramStart < 0 ? [] : afterUser[(paramStart + 1)..]) || !ByteGrammar.TryHostPort(hostPort, out var host, out tokens.Port))
        {
            return false;
        }

        tokens.Host = ByteGrammar.Shift(host, hostPortOffset);
        return true;
    }
}
