namespace Sip;

public sealed record SipParserOptions
{
    /// <summary>Largest message accepted, header block and body together (a UDP datagram cannot exceed 65,535): 513 beyond it.</summary>
    public int MaxMessageSize { get; init; } = 65_535;

    /// <summary>Largest body accepted: a Content-Length above it is answered with 413.</summary>
    public int MaxBodySize { get; init; } = 60_000;

    public int MaxRequestUriLength { get; init; } = 4_096;

    /// <summary>
    /// Option tags this element supports as a proxy; a request whose Proxy-Require names another is rejected with
    /// 420 (RFC 3261 §16.3 item 4). Null, the default, turns the check off: user agents ignore Proxy-Require (§8.2.2.3).
    /// </summary>
    public IReadOnlySet<string>? SupportedProxyRequire { get; init; }

    public static SipParserOptions Default { get; } = new();

    /// <summary>A proxy that supports no extensions: every Proxy-Require is refused with 420.</summary>
    public static SipParserOptions Proxy { get; } = new() { SupportedProxyRequire = new HashSet<string>(StringComparer.OrdinalIgnoreCase) };
}
