namespace Sip;

public sealed record SipParserOptions
{
    /// <summary>Largest message accepted, header block and body together (a UDP datagram cannot exceed 65,535): 513 beyond it.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Largest body accepted: a Content-Length above it is answered with 413.</summary>
    public int MaxBodySize { get; init; } = 60_000;

    public int MaxRequestUriLength { get; init; } = 4_096;

    /// <summary>
    /// Option tags this element supports; a request whose Proxy-Require names another is rejected with 420.
    /// Null turns the check off (user agents ignore Proxy-Require, RFC 3261 §8.2.2.3).
    /// </summary>
    public IReadOnlySet<string>? SupportedProxyRequire { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public static SipParserOptions Default { get; } = new();
}
