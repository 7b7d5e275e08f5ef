using Reference.Access;
using Reference.Sip;

namespace Reference.Apis;

/// <summary>
/// GET /metrics: the node's own latency histograms (microseconds) and event counters (503 next-hop failures, 483, 408
/// time-outs, INVITEs shed with 503 under overload, transaction timers that threw), live transactions, the finished
/// requests it still recognises (the state a carrier sizes memory by: tens of thousands at a few thousand calls a
/// second) and its armed timers, as JSON.
/// </summary>
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
            remembered = new
            {
                acceptedInvites = node.Proxy.AcceptedInvites,
                confirmedInvites = node.Proxy.ConfirmedInvites,
                rejectedInvites = node.Proxy.RejectedInvites,
                answeredRequests = node.Proxy.AnsweredRequests,
                completedRequests = node.Proxy.CompletedRequests,
            },
            timers = new { armed = node.Proxy.ArmedTimers },
        })).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }
}
