using Reference.Access;
using Reference.Cluster;
using Reference.Signalling;

namespace Reference.Apis;

/// <summary>
/// GET /metrics in the Prometheus text format (what operators scrape; <see cref="PrometheusView"/>), or, with
/// ?format=json or Accept: application/json, the JSON view: the node's own latency histograms (microseconds) and event counters (503 next-hop failures, 483, 408
/// time-outs, INVITEs shed with 503 under overload, transaction timers that threw), live transactions, the finished
/// requests it still recognises (the state a carrier sizes memory by: tens of thousands at a few thousand calls a
/// second), its armed timers and where its rate rules count (shared counters).
/// </summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", async (HttpContext context, SipNodeMetrics metrics, SipNode node, SharedCounterHealth counters, PrometheusView prometheus) =>
        {
            if (!WantsJson(context.Request))
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await prometheus.WriteAsync(context.Response.Body, context.RequestAborted);
                return Results.Empty;
            }

            return Json(metrics, node, counters);
        }).RequireRoles(Role.CarrierOperator, Role.Regulator);
        return routes;
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Query["format"] == "json" ||
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private static IResult Json(SipNodeMetrics metrics, SipNode node, SharedCounterHealth counters) => Results.Ok(new
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
        sharedCounters = new
        {
            backend = counters.Backend,
            connected = counters.Connected,
            operations = counters.Operations,
            localFallbacks = counters.Fallbacks,
            backlog = counters.Backlog,
            replayed = counters.Replayed,
            lastError = counters.LastError,
        },
    });
}
