using System.Net;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// How the proxy core forwards: the default next hop and its transport, whether it record-routes, the bound on
/// server transactions past which new INVITEs are shed with 503, and the transaction timers.
/// </summary>
public sealed record ProxyOptions(IPEndPoint NextHop)
{
    /// <summary>UDP or TCP: how requests without a route of their own leave for <see cref="NextHop"/>.</summary>
    public TransportProtocol NextHopProtocol { get; init; } = TransportProtocol.Udp;

    /// <summary>Put this proxy in the route set of dialogs created through it (RFC 3261 §16.6 step 4).</summary>
    public bool RecordRoute { get; init; }

    /// <summary>
    /// At this many live server transactions a new INVITE is answered 503 with Retry-After instead of being taken on:
    /// the table is the proxy's memory and the work it still owes, so its size is the measure of overload.
    /// </summary>
    public int MaxServerTransactions { get; init; } = 200_000;

    /// <summary>The Retry-After of a shed INVITE's 503.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    public TransactionTimers Timers { get; init; } = TransactionTimers.Default;

    /// <summary>Timer C (RFC 3261 §16.6 step 11): how long a forwarded INVITE may stay unanswered after its last provisional response.</summary>
    public TimeSpan TimerC { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long a forwarded INVITE waits for a response from downstream before the proxy answers 100 Trying itself
    /// (RFC 3261 §17.2.1: a 100 is owed when the TU will not answer within 200 ms). Zero sends it at once.
    /// </summary>
    public TimeSpan TryingAfter { get; init; } = TimeSpan.FromMilliseconds(200);
}
