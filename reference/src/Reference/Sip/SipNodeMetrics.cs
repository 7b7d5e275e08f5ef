namespace Reference.Sip;

/// <summary>
/// What the node measures about itself: INVITE arrival (bytes off the socket) to the final response sent on the
/// intercept path, and to the INVITE sent on towards the next hop on the forward path; plus event counters.
/// </summary>
public sealed class SipNodeMetrics
{
    private long _nextHopFailures;
    private long _tooManyHops;

    public LatencyHistogram Intercepted { get; } = new();

    public LatencyHistogram Forwarded { get; } = new();

    public long NextHopFailures => Interlocked.Read(ref _nextHopFailures);

    public long TooManyHops => Interlocked.Read(ref _tooManyHops);

    public void NextHopFailed() => Interlocked.Increment(ref _nextHopFailures);

    public void HopsExhausted() => Interlocked.Increment(ref _tooManyHops);
}
