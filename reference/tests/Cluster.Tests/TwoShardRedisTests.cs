using Microsoft.Extensions.Logging.Abstractions;
using Reference.Cluster;
using Screening.Counters;

namespace Cluster.Tests;

/// <summary>
/// A Redis Cluster of two shards, each holding half the hash slots: a node's reservations and the events queued for
/// later go over a connection to the shard that holds their key, so none is refused with MOVED (which would send the
/// call to local counts), and the limit holds across two nodes on keys of either shard.
/// </summary>
[NonParallelizable]
public sealed class TwoShardRedisTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Length = TimeSpan.FromMinutes(10);
    private RedisServer _low = null!;
    private RedisServer _high = null!;

    [SetUp]
    public async Task StartTwoShards()
    {
        if (RedisServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        _low = await RedisServer.StartShardAsync(0, 8191);
        _high = await RedisServer.StartShardAsync(8192, 16383);
        await _low.MeetAsync(_high);
    }

    [TearDown]
    public async Task StopTwoShards()
    {
        await _low.DisposeAsync();
        await _high.DisposeAsync();
    }

    [Test]
    public async Task ReservationsAndQueuedEventsGoToTheShardThatHoldsTheirKey()
    {
        using var a = Node();
        using var b = Node();
        var onA = a.Open<PairKey>("test:shards", Length, capacity: 10);
        var onB = b.Open<PairKey>("test:shards", Length, capacity: 10);
        var onLow = Caller(slot => slot < 8192);
        var onHigh = Caller(slot => slot >= 8192);

        foreach (var (bomber, shard) in new[] { (onLow, _low), (onHigh, _high) })
        {
            Assert.That(onA.TryReserve(bomber, Noon, limit: 2), Is.Not.Null, $"{Key(bomber)}: the first call, on node a");
            Assert.That(onB.TryReserve(bomber, Noon.AddSeconds(1), limit: 2), Is.Not.Null, $"{Key(bomber)}: the second, on node b");
            Assert.That(onA.TryReserve(bomber, Noon.AddSeconds(2), limit: 2), Is.Null, $"{Key(bomber)}: the third is over the limit");
            Assert.That(await shard.AskAsync($"ZCARD {Key(bomber)}"), Does.StartWith(":2"), $"{Key(bomber)} is kept on the shard of its slot");
        }

        // Queued on node a for the high shard, then a reservation on the low one: the event is not carried to the wrong
        // shard, and the flush sends it to its own.
        var answered = Caller(slot => slot >= 8192, skip: 1);
        onA.Record(answered, Noon.AddSeconds(3));
        Assert.That(onA.TryReserve(Caller(slot => slot < 8192, skip: 1), Noon.AddSeconds(3), limit: 2), Is.Not.Null);
        await Poll.Eventually(() => _high.AskAsync($"ZCARD {Key(answered)}").GetAwaiter().GetResult().StartsWith(":1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), $"the event queued for {Key(answered)} reaches the high shard");

        Assert.Multiple(() =>
        {
            Assert.That(a.Shards, Is.EqualTo(2), "node a reads both shards' slots");
            Assert.That(a.Health.Fallbacks + b.Health.Fallbacks, Is.Zero, $"nothing answered from local counts (node a: {a.Health.LastError}; node b: {b.Health.LastError})");
            Assert.That(a.Health.Replayed + b.Health.Replayed, Is.Zero, "nothing refused and replayed through the multiplexer");
        });
    }

    private RedisEventWindows Node() => RedisEventWindows.Connect($"{_low.Endpoint},{_high.Endpoint}", NullLogger.Instance, timeoutMilliseconds: 2000);

    private static string Key(PairKey key) => $"rc:test:shards:{(long)Length.TotalSeconds}:{key.First}:{key.Second}";

    /// <summary>A caller→callee pair whose window key lies in a slot the predicate accepts (the first ones found, past <paramref name="skip"/>).</summary>
    private static PairKey Caller(Func<int, bool> slot, int skip = 0)
    {
        for (var caller = 13700000000L; ; caller++)
        {
            var key = new PairKey(caller, 13512345678);
            if (slot(HashSlot.Of(Key(key))) && skip-- == 0)
            {
                return key;
            }
        }
    }
}
