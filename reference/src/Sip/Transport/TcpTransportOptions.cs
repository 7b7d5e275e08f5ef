namespace Sip.Transport;

/// <summary>Limits of a TCP transport: they keep a hostile or broken peer from holding memory or sockets.</summary>
public sealed record TcpTransportOptions
{
    /// <summary>A connection with no traffic for this long is closed (RFC 3261 §18.3 leaves the policy to the element).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(64);

    /// <summary>Connections beyond this are refused at accept.</summary>
    public int MaxConnections { get; init; } = 4_096;

    /// <summary>How long an outbound connect may take before the send fails.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long one write may wait for room in the socket's send buffer; a peer that reads nothing for this long is
    /// cut off, so that it cannot hold the thread that sends to it (a receive loop, the timers).
    /// </summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public static TcpTransportOptions Default { get; } = new();
}
