using System.Globalization;
using Screening.Counters;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>
/// One rule's window in Redis, mirrored in local memory for the moments Redis cannot be reached. Times are kept in
/// microseconds since the epoch; a key lives as long as its window after its newest event. A reservation is one
/// script call (the check and the add together), carrying the events queued since the last one; a key this node has
/// seen full is refused from memory until its window frees a place (<see cref="FullWindowMemory{TKey}"/>); events no
/// one waits on go with the next round trip or the next flush.
/// </summary>
internal sealed class RedisEventWindow<TKey>(RedisEventWindows owner, string prefix, TimeSpan window, int capacity) : IEventWindow<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    private readonly SlidingWindowLog<TKey> _local = new(window, capacity);
    private readonly FullWindowMemory<TKey> _full = owner.FullWindowsOf<TKey>(prefix);
    private readonly long _windowMicros = window.Ticks / 10;
    private readonly long _ttl = (long)window.TotalMilliseconds + 1000;

    public TimeSpan Window => window;

    public int Add(TKey key, DateTimeOffset at, long value = 0)
    {
        var local = _local.Add(key, at, value);
        var pending = Event(key, at, value);
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

    public void Record(TKey key, DateTimeOffset at, long value = 0)
    {
        _local.Add(key, at, value);
        owner.SendLater(Event(key, at, value));
    }

    public WindowReservation? TryReserve(TKey key, DateTimeOffset at, int limit, long value = 0)
    {
        if (!owner.Usable)
        {
            return Locally(key, at, limit, value);
        }

        var micros = Micros(at);
        if (_full.Refuses(key, micros, limit))
        {
            owner.Health.RefusedFromMemory();
            return null;
        }

        var pending = Event(key, at, value);
        var generation = _full.Generation;
        RespReply reply;
        try
        {
            reply = owner.Reserve(pending, limit);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or System.Net.Sockets.SocketException or IOException or ObjectDisposedException)
        {
            owner.Failed(ex, null);
            return Locally(key, at, limit, value);
        }

        owner.Succeeded();
        if (reply.Second > 0)
        {
            _full.Remember(key, limit, reply.Second + _windowMicros, micros, generation);
        }

        if (reply.Integer < 0)
        {
            return null;
        }

        _local.Add(key, at, value);
        return new WindowReservation(at.UtcTicks, value, (int)reply.Integer, pending.Member);
    }

    public void Release(TKey key, WindowReservation reservation)
    {
        _local.Release(key, reservation);
        _full.Forget(key);
        if (reservation.Tag is { } member)
        {
            // Unanswered: a release that does not arrive leaves the call counted, the safe side for a limit.
            owner.SendLater(PendingEvent.Released(Key(key), member));
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

    internal static long Micros(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    /// <summary>Redis unreachable: the check and the add on this node's counts, the add queued for when Redis is back.</summary>
    private WindowReservation? Locally(TKey key, DateTimeOffset at, int limit, long value)
    {
        if (_local.TryReserve(key, at, limit, value) is not { } local)
        {
            owner.Skipped(null);
            return null;
        }

        // Named like a shared reservation, so that giving it back is queued behind its add and the replay stays exact.
        var pending = Event(key, at, value);
        owner.Skipped(pending);
        return local with { Tag = pending.Member };
    }

    private PendingEvent Event(TKey key, DateTimeOffset at, long value)
    {
        var micros = Micros(at);
        return new PendingEvent(Key(key), micros, micros - _windowMicros, capacity, $"{value}|{owner.Tag()}", _ttl);
    }

    private RedisKey Key(TKey key) => key switch
    {
        PairKey pair => $"{prefix}:{pair.First}:{pair.Second}",
        _ => $"{prefix}:{key}",
    };
}
