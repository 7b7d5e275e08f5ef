namespace Screening.Counters;

/// <summary>
/// Events per key within a sliding window, exact at the edges: each key keeps the times (and one value, such as
/// the callee) of at most <c>capacity</c> recent events, oldest dropped first. Memory stays bounded: arrays grow
/// only as events come, and keys whose newest event left the window are evicted in a sweep run at most once per
/// window. Thread-safe by one lock: each operation is a dictionary look-up and a scan of a few entries.
/// </summary>
public sealed class SlidingWindowLog<TKey>(TimeSpan window, int capacity)
    where TKey : notnull, IEquatable<TKey>
{
    private readonly Dictionary<TKey, Events> _events = [];
    private readonly long _window = window.Ticks;
    private long _nextSweep = long.MinValue;

    public TimeSpan Window => window;

    public int Keys
    {
        get
        {
            lock (_events)
            {
                return _events.Count;
            }
        }
    }

    public void Add(TKey key, DateTimeOffset at, long value = 0)
    {
        var now = at.UtcTicks;
        lock (_events)
        {
            SweepIfDue(now);
            if (!_events.TryGetValue(key, out var events))
            {
                events = new Events();
                _events[key] = events;
            }

            events.Add(now, value, capacity);
        }
    }

    /// <summary>Events of the key within the window ending at <paramref name="at"/>.</summary>
    public int Count(TKey key, DateTimeOffset at)
    {
        var from = at.UtcTicks - _window;
        lock (_events)
        {
            return _events.TryGetValue(key, out var events) ? events.CountSince(from) : 0;
        }
    }

    /// <summary>Distinct values among the key's events within the window ending at <paramref name="at"/>.</summary>
    public int DistinctValues(TKey key, DateTimeOffset at)
    {
        var from = at.UtcTicks - _window;
        lock (_events)
        {
            return _events.TryGetValue(key, out var events) ? events.DistinctSince(from) : 0;
        }
    }

    private void SweepIfDue(long now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + _window;
        var from = now - _window;
        List<TKey>? stale = null;
        foreach (var (key, events) in _events)
        {
            if (events.Newest <= from)
            {
                (stale ??= []).Add(key);
            }
        }

        foreach (var key in stale ?? [])
        {
            _events.Remove(key);
        }
    }

    /// <summary>Times and values interleaved, oldest first: [t0, v0, t1, v1, …].</summary>
    private sealed class Events
    {
        private long[] _items = new long[2];
        private int _count;

        public long Newest => _count == 0 ? long.MinValue : _items[(_count - 1) * 2];

        public void Add(long ticks, long value, int capacity)
        {
            if (_count == capacity)
            {
                Array.Copy(_items, 2, _items, 0, (_count - 1) * 2);
                _count--;
            }
            else if (_count * 2 == _items.Length)
            {
                Array.Resize(ref _items, Math.Min(_items.Length * 2, capacity * 2));
            }

            _items[_count * 2] = ticks;
            _items[_count * 2 + 1] = value;
            _count++;
        }

        public int CountSince(long from)
        {
            var n = 0;
            for (var i = _count - 1; i >= 0 && _items[i * 2] > from; i--)
            {
                n++;
            }

            return n;
        }

        public int DistinctSince(long from)
        {
            var n = 0;
            for (var i = _count - 1; i >= 0 && _items[i * 2] > from; i--)
            {
                var value = _items[i * 2 + 1];
                var seen = false;
                for (var j = _count - 1; j > i; j--)
                {
                    if (_items[j * 2 + 1] == value)
                    {
                        seen = true;
                        break;
                    }
                }

                n += seen ? 0 : 1;
            }

            return n;
        }
    }
}
