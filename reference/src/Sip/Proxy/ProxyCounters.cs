namespace Sip.Proxy;

/// <summary>Events of the proxy core worth counting in the node's metrics.</summary>
public sealed class ProxyCounters
{
    private long _shed;
    private long _timedOut;
    private long _nextHopFailures;
    private long _tooManyHops;
    private Transactions.TimerWheel? _wheel;

    /// <summary>INVITEs answered 503 with Retry-After because the proxy was overloaded.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    /// <summary>Branches that got no final response in time (timer B, F or C): answered 408 upstream.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Requests the transport could not deliver to the next hop: answered 503 upstream.</summary>
    public long NextHopFailures => Interlocked.Read(ref _nextHopFailures);

    /// <summary>Transaction timers whose work threw (a fault in the proxy, kept from ending the process); see <see cref="StatefulProxy.LastTimerFault"/>.</summary>
    public long TimerFaults => _wheel?.Faults ?? 0;

    /// <summary>Requests that arrived with Max-Forwards 0: answered 483.</summary>
    public long TooManyHops => Interlocked.Read(ref _tooManyHops);

    internal void Watch(Transactions.TimerWheel wheel) => _wheel = wheel;

    internal void CountShed() => Interlocked.Increment(ref _shed);

    internal void CountTimedOut() => Interlocked.Increment(ref _timedOut);

    internal void CountNextHopFailure() => Interlocked.Increment(ref _nextHopFailures);

    internal void CountTooManyHops() => Interlocked.Increment(ref _tooManyHops);
}
