using Microsoft.Extensions.Logging.Abstractions;
using Reference.Cluster;

namespace Cluster.Tests;

/// <summary>
/// A node subscribes to the cluster's announcements as it starts. On a busy machine Redis's reply to that SUBSCRIBE can
/// come after the node's Redis time-out; the node must start all the same, its handlers in place for when the reply
/// and the announcements come, and subscribed again when the connection comes back after a loss.
/// </summary>
[NonParallelizable]
public sealed class SlowSubscribeTests
{
    /// <summary>The channel flags are announced on (SharedCounterScripts.FlagChannel, internal to the node).</summary>
    private const string FlagChannel = "rc:flags";
    private const long Caller = 13712345678;
    private const long Another = 13712345679;
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task ANodeWhoseSubscribeIsAnsweredAfterItsTimeOutStartsAndHearsTheAnnouncements()
    {
        await using var redis = new SlowSubscribeRedis { Lateness = TimeSpan.FromSeconds(1) };

        // The node's own time-out (Cluster:RedisTimeoutMs by default), a quarter of the reply's lateness.
        using var windows = RedisEventWindows.Connect(redis.Endpoint, NullLogger.Instance, RedisEventWindows.DefaultTimeoutMilliseconds);
        var flags = windows.OpenFlags("test:late", TimeSpan.FromMinutes(10));

        await Poll.Eventually(() => redis.Confirmed(FlagChannel) == 1, TimeSpan.FromSeconds(10),
            () => $"the late SUBSCRIBE was never answered; received: {string.Join(" / ", redis.Received)}");
        await Announce(redis, Caller, Noon);
        await Poll.Eventually(() => flags.Count(Caller, Noon) == 1, TimeSpan.FromSeconds(10),
            "a flag announced after the late reply was not heard: no handler stood for the channel");

        redis.Lateness = TimeSpan.Zero;
        redis.DropConnections();
        await Poll.Eventually(() => redis.Confirmed(FlagChannel) >= 2, TimeSpan.FromSeconds(10),
            () => $"the channel was not subscribed again after the connection came back; received: {string.Join(" / ", redis.Received)}");
        await Announce(redis, Another, Noon);
        await Poll.Eventually(() => flags.Count(Another, Noon) == 1, TimeSpan.FromSeconds(10),
            "a flag announced after the reconnection was not heard");
    }

    /// <summary>Announces a flag of the test's window, as a node that raised it does ("key|micros|member").</summary>
    private static async Task Announce(SlowSubscribeRedis redis, long caller, DateTimeOffset at)
    {
        var key = $"{RedisEventWindows.FlagPrefix("test:late", TimeSpan.FromMinutes(10))}:{caller}";
        var reached = await redis.PublishAsync(FlagChannel, $"{key}|{at.ToUnixTimeMilliseconds() * 1000}|elsewhere");
        Assert.That(reached, Is.EqualTo(1), "one connection of the node subscribed to the channel");
    }
}
