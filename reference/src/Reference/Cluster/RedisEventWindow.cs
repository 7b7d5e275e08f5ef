using Screening.Counters;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>
/// One rule's window in Redis, mirrored in local memory for the moments Redis cannot be reached. Times are kept in
/// microseconds since the epoch; a key lives as long as its window after its newest event.
/// </summary>
internal sealed class RedisEventWindow<TKey>(RedisEventWindows owner, string prefix, TimeSpan window, int capacity) : IEventWindow<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    private readonly SlidingWindowLog<TKey> _local = new(window, capacity);
    private readonly long _windowMicros = window.Ticks / 10;
    private readonly long _ttl = (long)window.TotalMilliseconds + 1000;

    public TimeSpan Window => window;

    public int Add(TKey key, DateTimeOffset at, long value = 0)
    {
        var local = _local.Add(key, at, value);
        var micros = Micros(at);
        var pending = new PendingEvent(Key(key), micros, micros - _windowMicros, capacity, $"{value}|{owner.Tag()}", _ttl);
        if (!owner.Usable)
        {
            owner.Skipped(pending);
            return local;
        }

        try
        {
            var shared = pending.Send(owner.Database);
            owner.Succeeded();
            return shared;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            owner.Failed(ex, pending);
            return local;
        }
    }

    public int Count(TKey key, DateTimeOffset at)
    {
        if (!owner.Usable)
        {
            owner.Skipped(null);
            return _local.Count(key, at);
        }

        try
        {
            var count = (int)owner.Database.SortedSetLength(Key(key), Micros(at) - _windowMicros, double.PositiveInfinity, Exclude.Start);
            owner.Succeeded();
            return count;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            owner.Failed(ex, null);
            return _local.Count(key, at);
        }
    }

    public int DistinctValues(TKey key, DateTimeOffset at)
    {
        if (!owner.Usable)
        {
            owner.Skipped(null);
            return _local.DistinctValues(key, at);
        }

        try
        {
            var distinct = (int)owner.Database.ScriptEvaluate(SharedCounterScripts.Distinct, [Key(key)], [Micros(at) - _windowMicros]);
            owner.Succeeded();
            return distinct;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            owner.Failed(ex, null);
            return _local.DistinctValues(key, at);
        }
    }

    private static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private RedisKey Key(TKey key) => key switch
    {
        PairKey pair => $"{prefix}:{pair.First}:{pair.Second}",
        _ => $"{prefix}:{key}",
    };
}
