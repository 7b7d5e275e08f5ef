namespace Sip.Transactions;

/// <summary>
/// What turns a <see cref="TimerWheel"/>: a call to its tick every <see cref="TimerWheel.Tick"/> while anything is armed.
/// <see cref="Armed"/> and <see cref="Idle"/> are called under the wheel's lock.
/// </summary>
internal abstract class WheelTicker
{
    /// <summary>The system clock gets a thread of its own; any other clock (a test's fake one) is driven by its own timers.</summary>
    public static WheelTicker For(TimeProvider time, Action tick) =>
        ReferenceEquals(time, TimeProvider.System) ? new ThreadTicker(tick) : new TimeProviderTicker(time, tick);

    /// <summary>The first timer was armed on an empty wheel.</summary>
    public abstract void Armed();

    /// <summary>The last armed timer fired or was cancelled.</summary>
    public abstract void Idle();
}
