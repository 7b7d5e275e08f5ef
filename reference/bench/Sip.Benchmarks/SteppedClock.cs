namespace Sip.Benchmarks;

/// <summary>
/// A clock that moves only when told, and fires its timers (the proxy's timer wheel ticks on one) on the caller's thread
/// as it passes them: a benchmark steps it by the gap between calls at a set rate, so that what lingers for timer I
/// expires as it would on a node, and its tables stay the size they have at that rate instead of growing the whole run.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly List<SteppedTimer> _timers = [];
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(_now);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppedTimer(this, callback, state);
        _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        _now += by.Ticks;
        for (var i = 0; i < _timers.Count; i++)
        {
            _timers[i].FireIfDue(_now);
        }
    }

    private void Remove(SteppedTimer timer) => _timers.Remove(timer);

    private sealed class SteppedTimer(SteppedClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _due = long.MaxValue;
        private long _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _due = dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : clock._now + dueTime.Ticks;
            _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            return true;
        }

        public void FireIfDue(long now)
        {
            while (_due <= now)
            {
                _due = _period > 0 ? _due + _period : long.MaxValue;
                callback(state);
            }
        }

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
