namespace Sip.Transport;

/// <summary>Limits of a TCP transport: they keep a hostile or broken peer from holding memory or sockets.</summary>
public sealed record TcpTransportOptions
{
    /// <summary>A connection with no traffic for this long is closed (RFC 3261 §18.3 leaves the policy to the element).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(64);

    /// <summary>Connections beyond this are refused at accept.</summary>
    public int MaxConnections { get; init; } = 4_096;

    /// <summary>
    /// Connections from one address beyond this are refused at accept, so that one source cannot take the whole of
    /// <see cref="MaxConnections"/> (a trunk or a proxy needs a handful).
    /// </summary>
    public int MaxConnectionsPerSource { get; init; } = 64;

    /// <summary>
    /// A connection that carries no SIP message for this long is closed even while CRLF keep-alives (RFC 5626 §4.4.1)
    /// keep it from being idle: pings alone may hold a connection open only so long, so that they cannot hoard sockets.
    /// </summary>
    public TimeSpan KeepAliveOnlyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an outbound connect may take before the send fails.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long one write may wait for room in the socket's send buffer; a peer that reads nothing for this long is
    /// cut off, so that it cannot hold the thread that sends to it (a receive loop, the timers).
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public static TcpTransportOptions Default { get; } = new();
}
