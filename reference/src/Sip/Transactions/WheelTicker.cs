namespace Sip.Transactions;

/// <summary>
/// What turns a <see cref="TimerWheel"/> while anything is armed, and tells it which tick the clock is at.
/// <see cref="Armed"/>, <see cref="Sooner"/> and <see cref="Idle"/> are called under the wheel's lock.
/// </summary>
internal abstract class WheelTicker
{
    /// <summary>The system clock gets a thread of its own; any other clock (a test's fake one) is driven by its own timers.</summary>
    public static WheelTicker For(TimeProvider time, TimerWheel wheel) =>
        ReferenceEquals(time, TimeProvider.System) ? new ThreadTicker(wheel) : new TimeProviderTicker(time, wheel);

    /// <summary>The tick the clock is at, given the ticks the wheel has <paramref name="turned"/> (never fewer).</summary>
    public abstract long Now(long turned);

    /// <summary>The first timer was armed on an empty wheel.</summary>
    public abstract void Armed();

    /// <summary>A timer was armed for a tick before the one the ticker waits for.</summary>
    public abstract void Sooner();

    /// <summary>The last armed timer fired or was cancelled.</summary>
    public abstract void Idle();
}
