using System.Runtime.InteropServices;

namespace Screening.Counters;

/// <summary>
/// Events per key within a sliding window, exact at the edges: each key keeps the times (and one value, such as
/// the callee) of at most <c>capacity</c> recent events, oldest dropped first. Memory stays bounded: arrays grow
/// only as events come (a key's first event is stored inline), and keys whose newest event left the window are
/// evicted in a sweep run at most once per window. Thread-safe by one lock: each operation is a dictionary look-up and a scan of a few entries.
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
            ref var events = ref CollectionsMarshal.GetValueRefOrAddDefault(_events, key, out _);
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
        var before = _events.Count;
        foreach (var (key, events) in _events)
        {
            if (events.Newest <= from)
            {
                _events.Remove(key);
            }
        }

        if (_events.Count < before / 2)
        {
            _events.TrimExcess();
        }
    }

    /// <summary>
    /// A key's events, oldest first: the first inline (most keys see a single event in a window, and then cost no
    /// array), the rest in an array of [t1, v1, t2, v2, …].
    /// </summary>
    private struct Events
    {
        private long _firstTicks;
        private long _firstValue;
        private long[]? _rest;
        private int _count;

        public readonly long Newest => _count == 0 ? long.MinValue : Ticks(_count - 1);

        public void Add(long ticks, long value, int capacity)
        {
            if (_count == capacity)
            {
                DropOldest();
            }

            if (_count == 0)
            {
                _firstTicks = ticks;
                _firstValue = value;
                _count = 1;
                return;
            }

            var slot = (_count - 1) * 2;
            if (_rest is null || slot == _rest.Length)
            {
                Array.Resize(ref _rest, Math.Min(Math.Max(2, slot * 2), Math.Max(2, (capacity - 1) * 2)));
            }

            _rest[slot] = ticks;
            _rest[slot + 1] = value;
            _count++;
        }

        public readonly int CountSince(long from)
        {
            var n = 0;
            for (var i = _count - 1; i >= 0 && Ticks(i) > from; i--)
            {
                n++;
            }

            return n;
        }

        public readonly int DistinctSince(long from)
        {
            var n = 0;
            for (var i = _count - 1; i >= 0 && Ticks(i) > from; i--)
            {
                var value = Value(i);
                var seen = false;
                for (var j = _count - 1; j > i; j--)
                {
                    if (Value(j) == value)
                    {
                        seen = true;
                        break;
                    }
                }

                n += seen ? 0 : 1;
            }

            return n;
        }

        private readonly long Ticks(int i) => i == 0 ? _firstTicks : _rest![(i - 1) * 2];

        private readonly long Value(int i) => i == 0 ? _firstValue : _rest![(i - 1) * 2 + 1];

        private void DropOldest()
        {
            if (_count > 1)
            {
                _firstTicks = _rest![0];
                _firstValue = _rest[1];
                Array.Copy(_rest, 2, _rest, 0, (_count - 2) * 2);
            }

            _count--;
        }
    }
}
