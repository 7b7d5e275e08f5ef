using System.Net.Http.Headers;
using System.Text.Json;
using Reference.Access;
using Reference.Signalling;
using Screening;

namespace Cluster.Tests;

/// <summary>/metrics as operators scrape it (Prometheus text) and as the JSON view, saying where the rate rules count and whether Redis answers.</summary>
[NonParallelizable]
public sealed class MetricsTests
{
    [Test]
    public async Task MetricsSayWhetherTheRateRulesCountInRedisOrLocally()
    {
        if (RedisServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var redis = await RedisServer.StartAsync();
        await using var node = await ClusterNode.StartAsync("--Storage:Sqlite=:memory:", $"--Cluster:Redis={redis.Endpoint}");
        using var http = Client(node);

        var up = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        await redis.StopAsync();
        var down = await Eventually(http, text => text.Contains("reference_shared_counters_connected 0", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/metrics?format=json", UriKind.Relative)));

        Assert.Multiple(() =>
        {
            Assert.That(up, Does.Contain("# TYPE reference_invites_total counter"));
            Assert.That(up, Does.Contain("reference_shared_counters_connected 1"));
            Assert.That(up, Does.Contain($"reference_shared_counters_info{{backend=\"redis {redis.Endpoint}\"}} 1"));
            Assert.That(up, Does.Contain("process_cpu_seconds_total"));
            Assert.That(down, Does.Contain("reference_shared_counters_connected 0"));
            Assert.That(json.RootElement.GetProperty("sharedCounters").GetProperty("connected").GetBoolean(), Is.False);
            Assert.That(json.RootElement.GetProperty("invite").GetProperty("interceptedToFinalResponse").GetProperty("count").GetInt64(), Is.Zero);
        });
    }

    [Test]
    public async Task ACallRefusedFromTheMemoryOfAFullWindowIsCountedAsAMemoryRefusal()
    {
        if (RedisServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var redis = await RedisServer.StartAsync();
        await using var node = await ClusterNode.StartAsync("--Storage:Sqlite=:memory:", $"--Cluster:Redis={redis.Endpoint}", "--Cluster:RedisTimeoutMs=3000",
            "--Screening:Bombing:Limit=1", "--Screening:Bombing:WindowSeconds=3600");
        using var http = Client(node);
        var before = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        // One call admitted fills the window, and Redis's answer says until when it stays full: the next three are
        // refused from the node's memory of that, with no round trip.
        var decisions = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            var call = new CallAttempt(Realm.Interconnect, "13787654321", null, "13512340000", "198.51.100.1:5060", $"full-{i}-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);
            var decision = node.Get<ScreeningPipeline>().Screen(call);
            node.Get<ActiveCalls>().Screened(call, decision);
            decisions.Add(decision.IsIntercepted);
        }

        var after = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(decisions, Is.EqualTo(new[] { false, true, true, true }), "intercepted, call by call");
            Assert.That(before, Does.Contain("reference_shared_counter_operations_total{answered_by=\"memory_refusal\"} 0"));
            Assert.That(after, Does.Contain("reference_shared_counter_operations_total{answered_by=\"memory_refusal\"} 3"));
            Assert.That(after, Does.Contain("reference_shared_counter_operations_total{answered_by=\"shared\"} 1"), "Redis answered the first call only");
            Assert.That(after, Does.Contain("reference_shared_counter_operations_total{answered_by=\"local_fallback\"} 0"));
        });
    }

    [Test]
    public async Task ALoneNodeCountsInProcess()
    {
        await using var node = await ClusterNode.StartAsync("--Storage:Sqlite=:memory:");
        using var http = Client(node);
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("reference_shared_counters_info{backend=\"in-process\"} 1"));
            Assert.That(text, Does.Not.Contain("reference_change_feed_listening 1"), "an embedded store has no change feed");
        });
    }

    private static HttpClient Client(ClusterNode node)
    {
        var (_, key) = node.Get<ApiKeyBook>().Issue([Role.Regulator], "metrics", DateTimeOffset.UtcNow);
        var http = new HttpClient { BaseAddress = node.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<string> Eventually(HttpClient http, Func<string, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (condition(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }
}
