namespace Reference.Clock;

/// <summary>
/// The node's clock in test mode: system time shifted by an offset the test-control API sets, so a suite crosses
/// windows of minutes or days without sleeping. Only ever moved forward, so counters never see time run back, and
/// never more than <see cref="MaxAhead"/> ahead of system time: an instant near DateTimeOffset.MaxValue made every
/// reading of the clock throw a moment later (system time plus the offset no longer fits), and with it every SIP
/// transaction, emergency calls included, and every API answer that reads the time.
/// </summary>
public sealed class TestClock(TimeProvider system) : TimeProvider
{
    /// <summary>How far ahead of system time the clock may go: years of windows and deadlines, far from the end of the calendar.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(3653);

    private readonly Lock _lock = new();
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => system.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => system.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => system.LocalTimeZone;

    /// <summary>The setting through which nodes sharing a store share their test clock (its offset in ticks).</summary>
    public const string SettingName = "test-clock-offset";

    /// <summary>How far ahead of system time the clock runs.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward to run <paramref name="offset"/> ahead of system time, as another node's clock does; never back.</summary>
    public void CatchUp(TimeSpan offset)
    {
        lock (_lock)
        {
            if (offset.Ticks > _offsetTicks && offset <= MaxAhead)
            {
                Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
            }
        }
    }

    /// <summary>The latest instant the clock may be set to now.</summary>
    public DateTimeOffset Latest => system.GetUtcNow() + MaxAhead;

    /// <summary>Moves the clock forward by <paramref name="by"/>; false when it would move back or beyond <see cref="Latest"/>.</summary>
    public bool Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero || by > MaxAhead)
        {
            return false;
        }

        lock (_lock)
        {
            if (_offsetTicks + by.Ticks > MaxAhead.Ticks)
            {
                return false;
            }

            Interlocked.Add(ref _offsetTicks, by.Ticks);
            return true;
        }
    }

    /// <summary>Sets the clock to <paramref name="now"/>; false when that is earlier than the clock's time or beyond <see cref="Latest"/>.</summary>
    public bool SetTo(DateTimeOffset now) => now <= Latest && Advance(now - GetUtcNow());
}
