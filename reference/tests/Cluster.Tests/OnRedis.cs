using Microsoft.Extensions.Logging.Abstractions;
using Reference.Cluster;

namespace Cluster.Tests;

/// <summary>
/// A real redis-server on loopback for each test, stopped by its PID after it (a test may stop and start it again
/// itself); inconclusive where the binary is missing. <see cref="Sharded"/> runs it as a one-shard Redis Cluster.
/// </summary>
public abstract class OnRedis
{
    protected static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(8));

    protected RedisServer Redis { get; private set; } = null!;

    protected virtual bool Sharded => false;

    // A longer time-out than a node's 250 ms: on a loaded test machine the pool's threads are late, not Redis.
    /// <summary>A node's counters on the test's Redis (two of them stand for two nodes); the test disposes of them.</summary>
    protected RedisEventWindows Windows() => RedisEventWindows.Connect(Redis.Endpoint, NullLogger.Instance, timeoutMilliseconds: 2000);

    /// <summary>Two nodes' counters with the test flag window open on each, and <paramref name="caller"/> flagged on a and heard of on b.</summary>
    protected Task<TwoNodeFlags> FlagRaisedOnOneOfTwoNodes(long caller) => TwoNodeFlags.RaisedOnAAsync(Windows, caller, Noon);

    [SetUp]
    public async Task StartRedis()
    {
        if (RedisServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        Redis = await RedisServer.StartAsync(Sharded);
    }

    [TearDown]
    public async Task StopRedis() => await Redis.DisposeAsync();
}
