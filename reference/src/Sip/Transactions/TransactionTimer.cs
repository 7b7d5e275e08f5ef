namespace Sip.Transactions;

/// <summary>
/// One named timer of a transaction, on the <see cref="TimerWheel"/> of the injected <see cref="TimeProvider"/>.
/// Arming replaces the pending shot; a shot that was replaced or cancelled while already on its way is ignored,
/// because the check runs under the transaction's lock, as do Arm and Cancel.
/// </summary>
internal sealed class TransactionTimer : IDisposable
{
    private readonly TimerWheel _wheel;
    private readonly SipTransaction _owner;
    private readonly Action _fired;

    // Made on first arming: most timers of most transactions are never armed (G and I over TCP, A over TCP).
    private Action<TimerWheel.Entry>? _onShot;
    private TimerWheel.Entry? _pending;

    public TransactionTimer(TimerWheel wheel, SipTransaction owner, Action fired)
    {
        _wheel = wheel;
        _owner = owner;
        _fired = fired;
    }

    public TimeSpan Interval { get; private set; }

    public void Arm(TimeSpan due)
    {
        Interval = due;
        Cancel();
        _pending = _wheel.Schedule(due, _onShot ??= OnShot);
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
        lock (_owner.Gate)
        {
            if (!ReferenceEquals(shot, _pending))
            {
                return;
            }

            _pending = null;
            if (!_owner.IsTerminated)
            {
                _fired();
            }
        }
    }
}
