using System.Collections.Concurrent;
using System.Globalization;
using Screening.Counters;

namespace Reference.Cluster;

/// <summary>
/// The keys of one window this node has seen full in Redis, each with the moment a place frees (its blocking event's
/// time plus the window) and the limit it was full for. Until then a reservation under that limit or a lower one is
/// refused from memory, with no round trip: a full window gains no event (the script adds only under the limit), so
/// only time or a place given back can open it. Time is in the entry; a place given back is announced by Redis
/// (<see cref="SharedCounterScripts.ReleasedChannel"/>) and makes every node forget the key. A reservation's reply is
/// remembered only if nothing was forgotten while it was on its way, so a release racing it is never lost. Shared by
/// every instance of the window's rule (rules are rebuilt when parameters change).
/// </summary>
internal sealed class FullWindowMemory<TKey> : IFullWindowMemory
    where TKey : notnull, IEquatable<TKey>
{
    /// <summary>Keys remembered at most: past it, nothing more is remembered until a sweep frees room (a bomber's calls then each ask Redis).</summary>
    public const int MaxKeys = 100_000;

    private readonly ConcurrentDictionary<TKey, Full> _full = new();
    private long _generation;
    private long _nextSweepMicros;
    private int _sweeping;

    /// <summary>Changes whenever a key is forgotten: read before a reservation is sent, compared when its reply is remembered.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _full.Count;

    /// <summary>Whether a reservation for <paramref name="key"/> at <paramref name="micros"/> under <paramref name="limit"/> would be refused.</summary>
    public bool Refuses(TKey key, long micros, int limit) =>
        _full.TryGetValue(key, out var full) && micros < full.UntilMicros && limit <= full.Limit;

    /// <summary>Remembers that the key's window is full for <paramref name="limit"/> until <paramref name="untilMicros"/>, unless a key was forgotten since <paramref name="generation"/>.</summary>
    public void Remember(TKey key, int limit, long untilMicros, long nowMicros, long generation)
    {
        SweepIfDue(nowMicros);
        if (untilMicros <= nowMicros || _full.Count >= MaxKeys)
        {
            return;
        }

        _full[key] = new Full(limit, untilMicros);
        if (Generation != generation)
        {
            // A release arrived while the reply was on its way: it may have opened this very window.
            Forget(key);
        }
    }

    public void Forget(TKey key)
    {
        Interlocked.Increment(ref _generation);
        _full.TryRemove(key, out _);
    }

    /// <summary>A key named in a release announcement, after the window's prefix and its colon; one not understood forgets them all.</summary>
    public void Forget(ReadOnlySpan<char> suffix)
    {
        if (TryParse(suffix, out var key))
        {
            Forget(key);
        }
        else
        {
            ForgetAll();
        }
    }

    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _full.Clear();
    }

    /// <summary>At most once a second, by one thread: keys whose moment has passed are dropped.</summary>
    private void SweepIfDue(long nowMicros)
    {
        if (nowMicros < Interlocked.Read(ref _nextSweepMicros) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _nextSweepMicros, nowMicros + 1_000_000);
            foreach (var (key, full) in _full)
            {
                if (full.UntilMicros <= nowMicros)
                {
                    _full.TryRemove(KeyValuePair.Create(key, full));
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private static bool TryParse(ReadOnlySpan<char> suffix, out TKey key)
    {
        key = default!;
        if (typeof(TKey) == typeof(long))
        {
            if (long.TryParse(suffix, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                key = (TKey)(object)number;
                return true;
            }
        }
        else if (typeof(TKey) == typeof(PairKey))
        {
            var colon = suffix.IndexOf(':');
            if (colon > 0
                && long.TryParse(suffix[..colon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var first)
                && long.TryParse(suffix[(colon + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var second))
            {
                key = (TKey)(object)new PairKey(first, second);
                return true;
            }
        }

        return false;
    }

    private readonly record struct Full(int Limit, long UntilMicros);
}
