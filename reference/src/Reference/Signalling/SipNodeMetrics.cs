namespace Reference.Signalling;

/// <summary>
/// What the node measures about itself: INVITE arrival (bytes off the socket) to the final response handed to its
/// server transaction on the intercept path, and to the INVITE sent on towards the next hop on the forward path.
/// The proxy core's own event counters are in <see cref="Sip.Proxy.ProxyCounters"/>.
/// </summary>
public sealed class SipNodeMetrics
{
    public LatencyHistogram Intercepted { get; } = new();

    public LatencyHistogram Forwarded { get; } = new();
}
