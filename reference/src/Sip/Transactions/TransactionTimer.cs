namespace Sip.Transactions;

/// <summary>
/// One named timer of a transaction, on the <see cref="TimerWheel"/> of the injected <see cref="TimeProvider"/>.
/// Arming replaces the pending shot; a shot that was replaced or cancelled while already on its way is ignored,
/// because the check runs under the transaction's lock, as do Arm and Cancel.
/// </summary>
internal sealed class TransactionTimer : IDisposable
{
    private readonly TimerWheel _wheel;
    private readonly object _gate;
    private readonly Action _fired;
    private readonly Action<TimerWheel.Entry> _onShot;
    private TimerWheel.Entry? _pending;

    public TransactionTimer(TimerWheel wheel, object gate, Action fired)
    {
        _wheel = wheel;
        _gate = gate;
        _fired = fired;
        _onShot = OnShot;
    }

    public TimeSpan Interval { get; private set; }

    public void Arm(TimeSpan due)
    {
        Interval = due;
        Cancel();
        _pending = _wheel.Schedule(due, _onShot);
    }

    public void Cancel()
    {
        if (_pending is { } pending)
        {
            _wheel.Cancel(pending);
            _pending = null;
        }
    }

    public void Dispose() => Cancel();

    private void OnShot(TimerWheel.Entry shot)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(shot, _pending))
            {
                return;
            }

            _pending = null;
            _fired();
        }
    }
}
