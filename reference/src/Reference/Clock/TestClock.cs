namespace Reference.Clock;

/// <summary>
/// The node's clock in test mode: system time shifted by an offset the test-control API sets, so a suite crosses
/// windows of minutes or days without sleeping. Only ever moved forward, so counters never see time run back.
/// </summary>
public sealed class TestClock(TimeProvider system) : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => system.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => system.GetTimestamp();

    public override TimeZoneInfo LocalTimeZone => system.LocalTimeZone;

    /// <summary>Moves the clock forward by <paramref name="by"/>; false when it would move back.</summary>
    public bool Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            return false;
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return true;
    }

    /// <summary>Sets the clock to <paramref name="now"/>; false when that is earlier than the clock's time.</summary>
    public bool SetTo(DateTimeOffset now) => Advance(now - GetUtcNow());
}
