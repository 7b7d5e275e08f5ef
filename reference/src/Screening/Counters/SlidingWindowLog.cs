using System.Runtime.InteropServices;

namespace Screening.Counters;

/// <summary>
/// Events per key within a sliding window, exact at the edges: each key keeps the times (and one value, such as
/// the callee) of at most <c>capacity</c> recent events, oldest dropped first. Memory stays bounded: arrays grow
/// only as events come (a key's first event is stored inline), and keys whose newest event left the window are
/// evicted in a sweep run at most once per window. Thread-safe by one lock: each operation is a dictionary look-up and a binary search. Times are
/// expected to move forward: an event is forgotten once a later event of its key finds it out of the window.
/// </summary>
public sealed class SlidingWindowLog<TKey>(TimeSpan window, int capacity) : IEventWindow<TKey>
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

    public int Add(TKey key, DateTimeOffset at, long value = 0)
    {
        var now = at.UtcTicks;
        lock (_events)
        {
            SweepIfDue(now);
            ref var events = ref CollectionsMarshal.GetValueRefOrAddDefault(_events, key, out _);
            events.Add(now, value, capacity, now - _window);
            return events.CountSince(now - _window);
        }
    }

    public WindowReservation? TryReserve(TKey key, DateTimeOffset at, int limit, long value = 0)
    {
        var now = at.UtcTicks;
        lock (_events)
        {
            SweepIfDue(now);
            ref var events = ref CollectionsMarshal.GetValueRefOrAddDefault(_events, key, out _);
            if (events.CountSince(now - _window) >= limit)
            {
                return null;
            }

            events.Add(now, value, capacity, now - _window);
            return new WindowReservation(now, value, events.CountSince(now - _window));
        }
    }

    public void Release(TKey key, WindowReservation reservation)
    {
        lock (_events)
        {
            if (_events.TryGetValue(key, out _))
            {
                CollectionsMarshal.GetValueRefOrNullRef(_events, key).Remove(reservation.Ticks, reservation.Value);
            }
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
    /// A key's events, oldest first and kept in time order: the first inline (most keys see a single event in a
    /// window, and then cost no array), more in an array of [t1, v1, t2, v2, …] used from <c>_start</c>. Events that
    /// left the window are dropped from the front as new ones arrive, and counting is a binary search, so a key
    /// called thousands of times a window (a bombing run, a load test with the limit lifted) costs O(log n) per
    /// call rather than a scan of its whole history.
    /// </summary>
    private struct Events
    {
        private long _firstTicks;
        private long _firstValue;
        private long[]? _rest;
        private int _start;
        private int _count;

        public readonly long Newest => _count == 0 ? long.MinValue : Ticks(_count - 1);

        public void Add(long ticks, long value, int capacity, long expiredUpTo)
        {
            while (_count > 0 && Ticks(0) <= expiredUpTo)
            {
                DropOldest();
            }

            if (_count == capacity)
            {
                DropOldest();
            }

            if (_rest is null && _count == 0)
            {
                _firstTicks = ticks;
                _firstValue = value;
                _count = 1;
                return;
            }

            MakeRoom(capacity);
            // Screened concurrently, an event may arrive a moment before the newest: it is put in its place so that
            // the binary search stays exact.
            var at = _count;
            while (at > 0 && Ticks(at - 1) > ticks)
            {
                at--;
            }

            var slot = (_start + at) * 2;
            Array.Copy(_rest!, slot, _rest!, slot + 2, (_count - at) * 2);
            _rest![slot] = ticks;
            _rest[slot + 1] = value;
            _count++;
        }

        public readonly int CountSince(long from)
        {
            int low = 0, high = _count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (Ticks(middle) > from)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return _count - low;
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

        /// <summary>Removes the newest event at these ticks with this value, if it is still kept.</summary>
        public void Remove(long ticks, long value)
        {
            for (var i = _count - 1; i >= 0; i--)
            {
                if (Ticks(i) != ticks || Value(i) != value)
                {
                    continue;
                }

                if (_rest is null)
                {
                    _count = 0;
                    return;
                }

                var slot = (_start + i) * 2;
                Array.Copy(_rest, slot + 2, _rest, slot, (_count - i - 1) * 2);
                _count--;
                return;
            }
        }

        private readonly long Ticks(int i) => _rest is null ? _firstTicks : _rest[(_start + i) * 2];

        private readonly long Value(int i) => _rest is null ? _firstValue : _rest[(_start + i) * 2 + 1];

        /// <summary>
        /// Room for one more event at the end. The array holds at most twice the capacity, so when it is full at least
        /// half of it lies before <c>_start</c> and moving the events to the front is paid for by the drops behind it.
        /// </summary>
        private void MakeRoom(int capacity)
        {
            if (_rest is null)
            {
                _rest = new long[4];
                _rest[0] = _firstTicks;
                _rest[1] = _firstValue;
                _start = 0;
                return;
            }

            var pairs = _rest.Length / 2;
            if (_start + _count < pairs)
            {
                return;
            }

            if (_start * 2 >= pairs || pairs >= 2L * capacity)
            {
                Array.Copy(_rest, _start * 2, _rest, 0, _count * 2);
            }
            else
            {
                var grown = new long[(int)Math.Min(pairs * 4L, 4L * capacity)];
                Array.Copy(_rest, _start * 2, grown, 0, _count * 2);
                _rest = grown;
            }

            _start = 0;
        }

        private void DropOldest()
        {
            _count--;
            _start = _count == 0 || _rest is null ? 0 : _start + 1;
        }
    }
}
