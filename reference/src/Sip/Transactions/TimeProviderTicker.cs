namespace Sip.Transactions;

/// <summary>Ticks on a periodic timer of the injected clock, so that a test's fake clock fires transaction timers as it advances.</summary>
internal sealed class TimeProviderTicker(TimeProvider time, Action tick) : WheelTicker
{
    private ITimer? _timer;

    public override void Armed() =>
        _timer ??= time.CreateTimer(static state => ((Action)state!)(), tick, TimerWheel.Tick, TimerWheel.Tick);

    public override void Idle()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
