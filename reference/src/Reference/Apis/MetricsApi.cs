using Reference.Sip;

namespace Reference.Apis;

/// <summary>GET /metrics: the node's own latency histograms (microseconds) and event counters (503 next-hop failures, 483, 408 time-outs, INVITEs shed with 503 under overload, transaction timers that threw), live transactions, as JSON.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", (SipNodeMetrics metrics, SipNode node) => Results.Ok(new
        {
            invite = new
            {
                interceptedToFinalResponse = metrics.Intercepted.Snapshot(),
                admittedToForwarded = metrics.Forwarded.Snapshot(),
            },
            nextHopFailures = node.Proxy.Counters.NextHopFailures,
            tooManyHops = node.Proxy.Counters.TooManyHops,
            timedOut = node.Proxy.Counters.TimedOut,
            overloadRejected = node.Proxy.Counters.Shed,
            timerFaults = new { count = node.Proxy.Counters.TimerFaults, last = node.Proxy.LastTimerFault?.Message },
            transactions = new { server = node.Proxy.ServerTransactions, client = node.Proxy.ClientTransactions },
        }));
        return routes;
    }
}
