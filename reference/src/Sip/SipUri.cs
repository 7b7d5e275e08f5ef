using System.Text;

namespace Sip;

/// <summary>
/// A sip:, sips: or tel: URI (RFC 3261 §19.1, RFC 3966). The user part is kept %-decoded in
/// <see cref="User"/>; other schemes are refused so the caller can answer 416.
/// </summary>
public sealed class SipUri
{
    public required string Scheme { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The host for sip/sips, the number for tel.</summary>
    public required string Host { get; init; }

    public int? Port { get; init; }

    public SipParameters Parameters { get; init; } = new();

    public string? Headers { get; init; }

    public bool IsTel => Scheme == "tel";

    /// <summary>The telephone number this URI carries: the tel: number or the sip: user part.</summary>
    public string? Number => IsTel ? Host : User;

    public static bool TryParse(string? text, out SipUri uri) => TryParse(text.AsSpan(), out uri);

    /// <summary>
    /// Parses a URI from characters anywhere (a slice of a header): the parts are found as slices and only what the
    /// URI keeps becomes a string; the scheme is one of three shared strings.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipUri uri)
    {
        uri = null!;
        var s = text.Trim();
        if (s.IsEmpty)
        {
            return false;
        }

        if (s.IndexOfAny(" \t\r\n") >= 0)
        {
            // LWS inside a URI (RFC 4475 §3.1.2.7 and §3.1.2.16): never part of the grammar.
            return false;
        }

        var colon = s.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var schemeText = s[..colon];
        var rest = s[(colon + 1)..];
        if (schemeText.Equals("tel", StringComparison.OrdinalIgnoreCase))
        {
            var semi = rest.IndexOf(';');
            var number = semi < 0 ? rest : rest[..semi];
            if (number.IsEmpty || !SipParameters.TryParse(semi < 0 ? [] : rest[(semi + 1)..], ';', out var telParams))
            {
                return false;
            }

            uri = new SipUri { Scheme = "tel", Host = Unescape(number), Parameters = telParams };
            return true;
        }

        var scheme = schemeText.Equals("sip", StringComparison.OrdinalIgnoreCase) ? "sip"
            : schemeText.Equals("sips", StringComparison.OrdinalIgnoreCase) ? "sips"
            : null;
        if (scheme is null)
        {
            return false;
        }

        // The user part may hold "?" (user-unreserved) but never a bare "@", so URI headers start at the first "?" after the first "@".
        string? headers = null;
        var afterAt = rest.IndexOf('@') + 1;
        var question = rest[afterAt..].IndexOf('?');
        if (question >= 0)
        {
            question += afterAt;
            headers = rest[(question + 1)..].ToString();
            rest = rest[..question];
        }

        string? user = null;
        string? password = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var pw = userInfo.IndexOf(':');
            user = Unescape(pw < 0 ? userInfo : userInfo[..pw]);
            password = pw < 0 ? null : userInfo[(pw + 1)..].ToString();
            if (user.Length == 0)
            {
                return false;
            }
        }

        var paramStart = rest.IndexOf(';');
        var hostPort = paramStart < 0 ? rest : rest[..paramStart];
        if (!SipParameters.TryParse(paramStart < 0 ? [] : rest[(paramStart + 1)..], ';', out var parameters))
        {
            return false;
        }

        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            return false;
        }

        uri = new SipUri
        {
            Scheme = scheme, User = user, Password = password, Host = SharedHost.For(host), Port = port,
            Parameters = parameters, Headers = headers,
        };
        return true;
    }

    public static bool TrySplitHostPort(string hostPort, out string host, out int? port)
    {
        var ok = TrySplitHostPort(hostPort.AsSpan(), out var hostSpan, out port);
        host = hostSpan.Length == hostPort.Length ? hostPort : hostSpan.ToString();
        return ok;
    }

    /// <summary>Splits <c>host[:port]</c> without making strings; the host is a slice of <paramref name="hostPort"/>.</summary>
    public static bool TrySplitHostPort(ReadOnlySpan<char> hostPort, out ReadOnlySpan<char> host, out int? port)
    {
        host = hostPort;
        port = null;
        if (hostPort.Length == 0)
        {
            return false;
        }

        ReadOnlySpan<char> portText;
        if (hostPort[0] == '[')
        {
            var close = hostPort.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = hostPort[..(close + 1)];
            portText = close + 1 < hostPort.Length && hostPort[close + 1] == ':' ? hostPort[(close + 2)..] : default;
            if (close + 1 < hostPort.Length && hostPort[close + 1] != ':')
            {
                return false;
            }
        }
        else
        {
            var colon = hostPort.IndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            portText = colon < 0 ? default : hostPort[(colon + 1)..];
            if (colon >= 0 && portText.Length == 0)
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

        if (host.Length == 0)
        {
            return false;
        }

        if (portText.Length > 0)
        {
            // Leading zeros are legal (RFC 4475 §3.1.1.6); the value must still fit a port.
            if (!int.TryParse(portText, System.Globalization.NumberStyles.None, null, out var value) || value > 65535)
            {
                return false;
            }

            port = value;
        }

        return true;
    }

    private static string Unescape(ReadOnlySpan<char> text) => text.Contains('%') ? Uri.UnescapeDataString(text) : text.ToString();

    private static string EscapeUser(string user)
    {
        var builder = new StringBuilder(user.Length);
        foreach (var c in user)
        {
            // RFC 3261 user = 1*( unreserved / escaped / user-unreserved )
            if (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()&=+$,;?/".Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    builder.Append('%').Append(b.ToString("X2"));
                }
            }
        }

        return builder.ToString();
    }

    public override string ToString()
    {
        var builder = new StringBuilder(64);
        builder.Append(Scheme).Append(':');
        if (IsTel)
        {
            builder.Append(Host);
            Parameters.AppendTo(builder, ';');
            return builder.ToString();
        }

        if (User is not null)
        {
            builder.Append(EscapeUser(User));
            if (Password is not null)
            {
                builder.Append(':').Append(Password);
            }

            builder.Append('@');
        }

        builder.Append(Host);
        if (Port is not null)
        {
            builder.Append(':').Append(Port.Value);
        }

        Parameters.AppendTo(builder, ';');
        if (Headers is not null)
        {
            builder.Append('?').Append(Headers);
        }

        return builder.ToString();
    }
}
