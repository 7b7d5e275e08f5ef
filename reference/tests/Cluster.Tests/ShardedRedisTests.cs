using System.Globalization;
using Reference.Cluster;

namespace Cluster.Tests;

/// <summary>
/// On a sharded Redis (Redis Cluster) a script may touch only keys of one hash slot. Every counter script touches one
/// key; the flag script touches the flag and its window's index, which carry the window's name as a hash tag. A
/// redis-server in cluster mode, the only shard, refuses a script whose keys lie in two slots, as a real cluster does.
/// </summary>
[NonParallelizable]
public sealed class ShardedRedisTests : OnRedis
{
    protected override bool Sharded => true;

    [Test]
    public async Task OurHashSlotIsRedissHashSlot()
    {
        Assert.That(HashSlot.Crc16("123456789"u8), Is.EqualTo(0x31C3), "the check value of the cluster specification's CRC16");
        string[] keys =
        [
            "rc:bombing:3600:113712345678:113512345678",
            RedisEventWindows.FlagPrefix("one-ring:flags", TimeSpan.FromDays(1)) + ":113712345678",
            RedisEventWindows.FlagPrefix("one-ring:flags", TimeSpan.FromDays(1)) + ":index",
            "{}rc:empty-tag",
            "rc:{a}{b}",
        ];
        foreach (var key in keys)
        {
            var reply = await Redis.AskAsync($"CLUSTER KEYSLOT {key}");
            Assert.That(HashSlot.Of(key), Is.EqualTo(int.Parse(reply.AsSpan(1, reply.IndexOf('\r', StringComparison.Ordinal) - 1), CultureInfo.InvariantCulture)), key);
        }
    }

    [Test]
    public async Task AFlagsTwoKeysLieInOneSlotAndItsScriptRunsOnAShardedRedis()
    {
        using var nodes = await FlagRaisedOnOneOfTwoNodes(4242);

        var stored = (await Redis.AskAsync($"KEYS *{TwoNodeFlags.Window}*")).Split("\r\n").Where(line => line.Length > 0 && line[0] is not ('*' or '$')).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Length.EqualTo(2), "the flag and the window's index of flags");
            Assert.That(stored.Select(HashSlot.Of).Distinct().Count(), Is.EqualTo(1), $"one slot for {string.Join(" and ", stored)}");
            Assert.That(stored, Has.All.StartWith(RedisEventWindows.FlagPrefix(TwoNodeFlags.Window, TwoNodeFlags.Length)), "the tag is the window's name");
            Assert.That(nodes.A.Health.Fallbacks, Is.Zero, "the script ran in Redis, not on local counts");
        });
    }

    [Test]
    public async Task AScriptOverTwoSlotsIsRefused()
    {
        // The flag's keys as they were named before the hash tag: what the previous test would meet without it.
        var reply = await Redis.AskAsync("EVAL \"return 1\" 2 rc:test:flags:600:4242 rc:test:flags:600:index");
        Assert.Multiple(() =>
        {
            Assert.That(HashSlot.Of("rc:test:flags:600:4242"), Is.Not.EqualTo(HashSlot.Of("rc:test:flags:600:index")));
            Assert.That(reply, Does.StartWith("-CROSSSLOT"));
        });
    }
}
