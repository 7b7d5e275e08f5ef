namespace Sip.Transactions;

/// <summary>
/// What the four RFC 3261 §17 state machines share: a state, a way to put messages on the wire, timers on an
/// injected <see cref="TimeProvider"/>, and one notification when the transaction ends. Every event runs under the
/// transaction's lock, so timers and arriving messages never race.
/// </summary>
public abstract class SipTransaction : IDisposable
{
    private readonly List<TransactionTimer> _timers = new(3);
    private readonly TimerWheel _wheel;
    private int _ended;

    protected SipTransaction(Action<SipMessage> send, bool reliable, TimeProvider time, TransactionTimers? timers)
    {
        Send = send;
        Reliable = reliable;
        Time = time;
        Timers = timers ?? TransactionTimers.Default;
        _wheel = TimerWheel.For(time);
    }

    public TransactionState State { get; private set; }

    /// <summary>Raised once, when the transaction reaches <see cref="TransactionState.Terminated"/>.</summary>
    public event Action<SipTransaction, TransactionEnd>? Ended;

    protected Action<SipMessage> Send { get; }

    protected bool Reliable { get; }

    protected TimeProvider Time { get; }

    protected TransactionTimers Timers { get; }

    protected internal object Gate { get; } = new();

    internal bool IsTerminated => State == TransactionState.Terminated;

    public void Dispose()
    {
        lock (Gate)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }
        }

        GC.SuppressFinalize(this);
    }

    protected void Enter(TransactionState state) => State = state;

    private protected TransactionTimer NewTimer(Action fired)
    {
        var timer = new TransactionTimer(_wheel, this, fired);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Runs <paramref name="then"/> after <paramref name="wait"/>, or at once when the wait is zero (reliable transports).</summary>
    private protected void After(TransactionTimer timer, TimeSpan wait, Action then)
    {
        if (wait <= TimeSpan.Zero)
        {
            then();
        }
        else
        {
            timer.Arm(wait);
        }
    }

    protected void Terminate(TransactionEnd end)
    {
        State = TransactionState.Terminated;
        foreach (var timer in _timers)
        {
            timer.Cancel();
        }

        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            Ended?.Invoke(this, end);
        }
    }
}
