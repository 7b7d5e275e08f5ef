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

    /// <summary>Parses a URI held as characters (a header set by code, a configured route), by the same byte grammar.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipUri uri) =>
        ByteGrammar.ReadChars(text, static (ReadOnlySpan<byte> bytes, out SipUri value) => TryParse(bytes, out value), out uri);

    /// <summary>
    /// Parses a URI from its wire bytes (a slice of a header): <see cref="UriTokens"/> finds the parts, and only what
    /// the URI keeps becomes a string; the scheme is one of three shared strings.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out SipUri uri)
    {
        uri = null!;
        if (!UriTokens.TryRead(text, out var tokens))
        {
            return false;
        }

        uri = From(text, in tokens, spare: 0);
        return true;
    }

    /// <summary>The URI whose parts <paramref name="tokens"/> found in <paramref name="text"/>.</summary>
    internal static SipUri From(ReadOnlySpan<byte> text, in UriTokens tokens, int spare) => new()
    {
        Scheme = tokens.Scheme,
        User = tokens.HasUser ? Unescape(text[tokens.User]) : null,
        Password = tokens.HasPassword ? Encoding.UTF8.GetString(text[tokens.Password]) : null,
        Host = tokens.IsTel ? Unescape(text[tokens.Host]) : SharedHost.For(text[tokens.Host]),
        Port = tokens.Port < 0 ? null : tokens.Port,
        Parameters = SipParameters.From(text[tokens.Parameters], spare),
        Headers = tokens.HasHeaders ? Encoding.UTF8.GetString(text[tokens.Headers]) : null,
    };

    /// <summary>
    /// The <see cref="Number"/> of the URI whose parts <paramref name="tokens"/> found in <paramref name="text"/>, the only
    /// string made: screening reads a caller's and a callee's number from every INVITE, and nothing else of either URI.
    /// </summary>
    internal static string? NumberOf(ReadOnlySpan<byte> text, in UriTokens tokens) =>
        tokens.IsTel ? Unescape(text[tokens.Host]) : tokens.HasUser ? Unescape(text[tokens.User]) : null;

    private static string Unescape(ReadOnlySpan<byte> text)
    {
        var decoded = Encoding.UTF8.GetString(text);
        return text.Contains((byte)'%') ? Uri.UnescapeDataString(decoded) : decoded;
    }

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
