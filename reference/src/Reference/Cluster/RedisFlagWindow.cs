using System.Globalization;
using Screening.Counters;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>
/// A window of flags (a caller stopped for a while), read on every call and written rarely. Every node holds all of
/// them in memory and reads only that: a flag goes to Redis and is announced on a channel every node listens to, and a
/// node that (re)connects reads the ones standing. So a flag raised on one node stops the caller on all within the
/// announcement's delay, and screening never waits on Redis for it.
/// </summary>
internal sealed class RedisFlagWindow(RedisEventWindows owner, string prefix, TimeSpan window) : IEventWindow<long>
{
    private readonly SlidingWindowLog<long> _local = new(window, 1);
    private readonly long _windowMicros = window.Ticks / 10;
    private readonly long _ttl = (long)window.TotalMilliseconds + 1000;

    public string Prefix => prefix;

    public TimeSpan Window => window;

    public int Add(long key, DateTimeOffset at, long value = 0)
    {
        Record(key, at, value);
        return _local.Count(key, at);
    }

    public void Record(long key, DateTimeOffset at, long value = 0)
    {
        _local.Add(key, at, value);
        var micros = RedisEventWindow<long>.Micros(at);
        owner.SendLater(new PendingEvent($"{prefix}:{key}", micros, micros - _windowMicros, 1, $"{value}|{owner.Tag()}", _ttl, PendingKind.Flag), urgent: true);
    }

    public WindowReservation? TryReserve(long key, DateTimeOffset at, int limit, long value = 0) => _local.TryReserve(key, at, limit, value);

    public void Release(long key, WindowReservation reservation) => _local.Release(key, reservation);

    public int Count(long key, DateTimeOffset at) => _local.Count(key, at);

    public int DistinctValues(long key, DateTimeOffset at) => _local.DistinctValues(key, at);

    /// <summary>A flag announced on the channel ("key|micros|member"), this node's own included (a second add of it changes nothing).</summary>
    public void Announced(string key, string micros)
    {
        if (long.TryParse(key.AsSpan(prefix.Length + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && long.TryParse(micros, NumberStyles.None, CultureInfo.InvariantCulture, out var at))
        {
            Apply(number, at);
        }
    }

    /// <summary>
    /// Reads every flag standing in Redis into memory (at start and after an outage, when announcements were missed),
    /// from the window's index of flagged keys rather than a scan of every key.
    /// </summary>
    public void Resynchronise(IDatabase database)
    {
        foreach (var entry in database.SortedSetRangeByRankWithScores(PendingEvent.IndexOf($"{prefix}:0")))
        {
            var text = (string)entry.Element!;
            if (text.Length > prefix.Length + 1
                && long.TryParse(text.AsSpan(prefix.Length + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                Apply(number, (long)entry.Score);
            }
        }
    }

    private void Apply(long key, long micros)
    {
        var at = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        if (_local.Count(key, at) == 0)
        {
            _local.Add(key, at);
        }
    }
}
