using Prometheus;
using Reference.Cluster;
using Reference.Signalling;
using Reference.Storage;

namespace Reference.Apis;

/// <summary>
/// The node's metrics in the Prometheus text format, in a registry of the node's own (several nodes may share a
/// process in tests). Values are read from the node's counters at each scrape, so nothing on the call path changes:
/// calls per path, proxy events, shared-counter health (Redis in use or the local fail-open), the change feed of the
/// shared store, and the process's CPU and memory.
/// </summary>
public sealed class PrometheusView
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    public PrometheusView(SipNodeMetrics metrics, SipNode node, SharedCounterHealth counters, IServiceProvider services)
    {
        DotNetStats.Register(_registry);
        var factory = Metrics.WithCustomRegistry(_registry);
        var calls = factory.CreateCounter("reference_invites_total", "INVITEs screened, by outcome", "outcome");
        var latency = factory.CreateGauge("reference_invite_latency_microseconds", "INVITE arrival to final response (intercepted) or to the INVITE sent on (forwarded), by quantile (bucket upper bound)", "outcome", "quantile");
        var proxy = factory.CreateCounter("reference_proxy_events_total", "Proxy events: next-hop failures, 483, 408 time-outs, INVITEs shed under overload, timer faults", "event");
        var transactions = factory.CreateGauge("reference_transactions", "Live SIP transactions", "side");
        var sharedUp = factory.CreateGauge("reference_shared_counters_connected", "Whether the rate rules count where configured (Redis, or in process when none is): 0 while Redis is unreachable and this node counts on its own (fail-open)");
        var sharedInfo = factory.CreateGauge("reference_shared_counters_info", "Where the rate rules count", "backend");
        var sharedOps = factory.CreateCounter("reference_shared_counter_operations_total", "Counter operations, by where they were answered", "answered_by");
        var backlog = factory.CreateGauge("reference_shared_counter_backlog", "Events counted locally during a Redis outage, waiting to be replayed");
        var replayed = factory.CreateCounter("reference_shared_counter_replayed_total", "Events counted during an outage and replayed to Redis once it was back");
        var feedListening = factory.CreateGauge("reference_change_feed_listening", "Whether the node follows the shared store's changes (PostgreSQL LISTEN); 0 while reconnecting, absent on an embedded store");
        var feedApplied = factory.CreateCounter("reference_change_feed_applied_total", "Changed rows of the shared store applied to this node's memory");
        var feedReconnects = factory.CreateCounter("reference_change_feed_reconnects_total", "Times the change channel broke and was reopened");
        sharedInfo.WithLabels(counters.Backend).Set(1);
        _registry.AddBeforeCollectCallback(() =>
        {
            calls.WithLabels("intercepted").IncTo(metrics.Intercepted.Count);
            calls.WithLabels("forwarded").IncTo(metrics.Forwarded.Count);
            foreach (var (outcome, histogram) in new[] { ("intercepted", metrics.Intercepted), ("forwarded", metrics.Forwarded) })
            {
                var snapshot = histogram.Snapshot();
                latency.WithLabels(outcome, "0.5").Set(snapshot.P50Micros);
                latency.WithLabels(outcome, "0.99").Set(snapshot.P99Micros);
                latency.WithLabels(outcome, "0.999").Set(snapshot.P999Micros);
            }

            var events = node.Proxy.Counters;
            proxy.WithLabels("next_hop_failure").IncTo(events.NextHopFailures);
            proxy.WithLabels("too_many_hops").IncTo(events.TooManyHops);
            proxy.WithLabels("timed_out").IncTo(events.TimedOut);
            proxy.WithLabels("overload_rejected").IncTo(events.Shed);
            proxy.WithLabels("timer_fault").IncTo(events.TimerFaults);
            transactions.WithLabels("server").Set(node.Proxy.ServerTransactions);
            transactions.WithLabels("client").Set(node.Proxy.ClientTransactions);
            sharedUp.Set(counters.Connected ? 1 : 0);
            sharedOps.WithLabels("shared").IncTo(counters.Operations);
            sharedOps.WithLabels("local_fallback").IncTo(counters.Fallbacks);
            sharedOps.WithLabels("memory_refusal").IncTo(counters.RefusedFromMemoryCount);
            backlog.Set(counters.Backlog);
            replayed.IncTo(counters.Replayed);
            if (services.GetService<ChangeFeed>() is { } feed)
            {
                feedListening.Set(feed.Listening ? 1 : 0);
                feedApplied.IncTo(feed.Applied);
                feedReconnects.IncTo(feed.Reconnects);
            }
        });
    }

    public Task WriteAsync(Stream stream, CancellationToken cancellation) => _registry.CollectAndExportAsTextAsync(stream, cancellation);
}
