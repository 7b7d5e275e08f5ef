namespace Sip.Transactions;

/// <summary>
/// Ticks on a periodic timer of the injected clock, so that a test's fake clock fires transaction timers as it
/// advances. Every tick is turned as it comes, so the clock is at the tick the wheel turned last.
/// </summary>
internal sealed class TimeProviderTicker(TimeProvider time, TimerWheel wheel) : WheelTicker
{
    private ITimer? _timer;

    public override long Now(long turned) => turned;

    public override void Armed() =>
        _timer ??= time.CreateTimer(static state => ((TimerWheel)state!).TurnOnce(), wheel, TimerWheel.Tick, TimerWheel.Tick);

    // A timer armed on a turning wheel is in a slot the periodic timer reaches anyway.
    public override void Sooner()
    {
    }

    public override void Idle()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
