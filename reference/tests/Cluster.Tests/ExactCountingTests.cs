using Reference.Cluster;
using Reference.Signalling;
using Screening;
using StackExchange.Redis;

namespace Cluster.Tests;

/// <summary>
/// Two node instances sharing one real redis-server, a bomber's attempts fired at both at the same moment: the check
/// and the count being one step in Redis, exactly the limit get through, however the attempts interleave; attempts
/// refused after screening (by a later gate) give their place back.
/// </summary>
[NonParallelizable]
public sealed class ExactCountingTests : OnRedis
{
    private const int Limit = 10;
    private const string Bomber = "13787654321";
    private const string Victim = "13512340000";
    private ClusterNode _a = null!;
    private ClusterNode _b = null!;

    [SetUp]
    public async Task StartTwoNodes()
    {
        string[] settings = [$"--Cluster:Redis={Redis.Endpoint}", "--Cluster:RedisTimeoutMs=3000", "--Storage:Sqlite=:memory:", $"--Screening:Bombing:Limit={Limit}"];
        _a = await ClusterNode.StartAsync(settings);
        _b = await ClusterNode.StartAsync(settings);
    }

    [TearDown]
    public async Task StopTwoNodes()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [TestCase(40)]
    [TestCase(200)]
    public async Task ConcurrentAttemptsAcrossTwoNodesAdmitExactlyTheLimit(int attempts)
    {
        var admitted = await Fire(attempts, refuseAfterScreening: false);

        Assert.Multiple(() =>
        {
            Assert.That(admitted, Is.EqualTo(Limit), $"{attempts} attempts at once, half on each node");
            Assert.That(Shared().SortedSetLength(BombingKey()), Is.EqualTo(Limit), "the window in Redis holds the admitted calls, no more");
            Assert.That(_a.Get<SharedCounterHealth>().Fallbacks + _b.Get<SharedCounterHealth>().Fallbacks, Is.Zero, "every count was Redis's");
        });
    }

    [Test]
    public async Task AttemptsRefusedAfterScreeningGiveTheirPlaceBack()
    {
        var passedScreening = await Fire(Limit, refuseAfterScreening: true);
        Assert.That(passedScreening, Is.EqualTo(Limit), "each passed screening and was then refused by a gate");
        await Poll.Eventually(() => Shared().SortedSetLength(BombingKey()) == 0, TimeSpan.FromSeconds(10), "the releases reach Redis");

        var admitted = await Fire(60, refuseAfterScreening: false);
        Assert.That(admitted, Is.EqualTo(Limit), "the refused attempts did not use up the limit");
    }

    /// <summary>Fires the attempts from as many threads at once, alternating nodes, and counts those admitted.</summary>
    private async Task<int> Fire(int attempts, bool refuseAfterScreening)
    {
        var nodes = new[] { _a, _b };
        var start = new Barrier(attempts);
        var admitted = 0;
        var at = DateTimeOffset.UtcNow;
        var threads = Enumerable.Range(0, attempts).Select(i => Task.Factory.StartNew(() =>
        {
            var node = nodes[i % 2];
            var call = new CallAttempt(Realm.Interconnect, Bomber, null, Victim, "198.51.100.1:5060", $"bomb-{Guid.NewGuid():N}", at.AddTicks(i));
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var decision = node.Get<ScreeningPipeline>().Screen(call);
            if (!decision.IsIntercepted)
            {
                Interlocked.Increment(ref admitted);
            }

            var final = refuseAfterScreening && !decision.IsIntercepted
                ? ScreeningDecision.Intercept("stir", "identity-required", "a later gate refused the call")
                : decision;
            node.Get<ActiveCalls>().Screened(call, final);
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(threads);
        return admitted;
    }

    private IDatabase Shared() => _a.Get<RedisEventWindows>().Database;

    private RedisKey BombingKey()
    {
        var window = (long)_a.Get<ScreeningPipeline>().Parameters.BombingWindow.TotalSeconds;
        return $"rc:bombing:{window}:{Screening.Counters.NumberKey.Of(Bomber)}:{Screening.Counters.NumberKey.Of(Victim)}";
    }
}
