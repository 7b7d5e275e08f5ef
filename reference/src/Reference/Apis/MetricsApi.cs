using Reference.Sip;

namespace Reference.Apis;

/// <summary>GET /metrics: the node's own latency histograms (microseconds) and event counters, as JSON.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/metrics", (SipNodeMetrics metrics) => Results.Ok(new
        {
            invite = new
            {
                interceptedToFinalResponse = metrics.Intercepted.Snapshot(),
                admittedToForwarded = metrics.Forwarded.Snapshot(),
            },
            nextHopFailures = metrics.NextHopFailures,
            tooManyHops = metrics.TooManyHops,
        }));
        return routes;
    }
}
