using Reference.Cluster;
using Reference.Signalling;
using Screening;

namespace Cluster.Tests;

/// <summary>
/// Cluster:RedisTimeoutMs is how long a screened call waits on Redis before it is screened on the node's own counts:
/// a Redis paused for longer than the setting is given up on (a local count, said as a fall-back), one paused for
/// less is waited out (Redis's answer). The pause is Redis's own CLIENT PAUSE, so nothing here measures speed.
/// </summary>
[NonParallelizable]
public sealed class RedisTimeoutTests : OnRedis
{
    private const int PauseMilliseconds = 1500;

    [TestCase(10_000, false, TestName = "A call waits out a pause shorter than Cluster:RedisTimeoutMs")]
    [TestCase(100, true, TestName = "A call gives up on a pause longer than Cluster:RedisTimeoutMs")]
    public async Task AScreenedCallWaitsOnRedisAsLongAsTheSettingSays(int timeout, bool givesUp)
    {
        await using var node = await ClusterNode.StartAsync(
            $"--Cluster:Redis={Redis.Endpoint}", $"--Cluster:RedisTimeoutMs={timeout}", "--Storage:Sqlite=:memory:");
        var health = node.Get<SharedCounterHealth>();
        var before = (health.Fallbacks, health.Operations);

        Assert.That(await Redis.AskAsync($"CLIENT PAUSE {PauseMilliseconds} ALL"), Does.StartWith("+OK"));
        var call = new CallAttempt(Realm.Interconnect, "13787654321", null, "13512340000", "198.51.100.1:5060", $"paused-{Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        var decision = node.Get<ScreeningPipeline>().Screen(call);
        node.Get<ActiveCalls>().Screened(call, decision);

        Assert.Multiple(() =>
        {
            Assert.That(decision.IsIntercepted, Is.False, "a first call is admitted either way (fail-open)");
            // A call consults more than one window (bombing, one-ring), each counted once.
            Assert.That(health.Fallbacks - before.Fallbacks, givesUp ? Is.GreaterThan(0) : Is.Zero, $"counted locally with a {timeout} ms time-out against a {PauseMilliseconds} ms pause");
            Assert.That(health.Operations - before.Operations, givesUp ? Is.Zero : Is.GreaterThan(0), "answered by Redis");
        });
    }

    [TestCase("0")]
    [TestCase("60001")]
    [TestCase("soon")]
    public void ATimeOutOutsideOneMillisecondToAMinuteStopsTheNodeFromStarting(string timeout)
    {
        var refused = Assert.CatchAsync(async () => await (await ClusterNode.StartAsync(
            $"--Cluster:Redis={Redis.Endpoint}", $"--Cluster:RedisTimeoutMs={timeout}", "--Storage:Sqlite=:memory:")).DisposeAsync());
        Assert.That(refused!.ToString(), Does.Contain("Cluster:RedisTimeoutMs"));
    }
}
