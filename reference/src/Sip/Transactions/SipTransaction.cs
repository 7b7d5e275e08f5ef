using Sip.Transport;

namespace Sip.Transactions;

/// <summary>
/// What the four RFC 3261 §17 state machines share: a state, a way to put messages on the wire, timers on an
/// injected <see cref="TimeProvider"/>, and one notification when the transaction ends. Every event runs under the
/// transaction's lock, so timers and arriving messages never race.
/// </summary>
public abstract class SipTransaction : IDisposable, ITimerTarget, ISendOrdered
{
    /// <summary>Each state machine has at most three timers (A B D, E F K, G H I, J), numbered 0–2 by each.</summary>
    private protected const int TimerCount = 3;

    private readonly TimerWheel _wheel;

    private int _ended;

    // Keeps this transaction's responses on the wire in the order sent, whichever threads send them.
    private SendOrder _order;

    protected SipTransaction(ITransactionUser user, bool reliable, TimeProvider time, TransactionTimers? timers)
    {
        User = user;
        Reliable = reliable;
        Time = time;
        Timers = timers ?? TransactionTimers.Default;
        _wheel = TimerWheel.For(time);
    }

    public TransactionState State { get; private set; }

    /// <summary>Raised once, when the transaction reaches <see cref="TransactionState.Terminated"/>.</summary>
    public event Action<SipTransaction, TransactionEnd>? Ended;

    /// <summary>
    /// Raised once, when the transaction will send nothing new: from then on it lingers over UDP (timer I, J or K) only
    /// to absorb retransmissions, or to answer them from its own wire copy of the final response (J). The transaction
    /// user can let go of every message now rather than when the transaction ends, or take the lingering over in a
    /// leaner form and end the transaction: a proxy holds thousands of lingering transactions, and what they hold is
    /// what its garbage collector copies.
    /// </summary>
    public event Action<SipTransaction>? Settled;

    /// <summary>Whom the transaction sends through and reports to.</summary>
    private protected ITransactionUser User { get; }

    protected void Send(SipMessage message) => User.Send(this, message);

    protected bool Reliable { get; }

    /// <summary>The order of this transaction's sends across threads (see <see cref="SendOrder"/>).</summary>
    internal ref SendOrder Order => ref _order;

    ref SendOrder ISendOrdered.Order => ref _order;

    protected TimeProvider Time { get; }

    protected TransactionTimers Timers { get; }

    // The transaction itself is the monitor (nothing outside the library locks it): one object fewer a transaction.
    protected internal object Gate => this;

    internal bool IsTerminated => State == TransactionState.Terminated;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Cancels the pending timers; a state machine that holds more releases it here too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        lock (Gate)
        {
            CancelAll();
        }
    }

    protected void Enter(TransactionState state) => State = state;

    /// <summary>Raises <see cref="Settled"/>; called under the transaction's lock, like <see cref="Ended"/>.</summary>
    protected void Settle()
    {
        User.OnSettled(this);
        Settled?.Invoke(this);
    }

    /// <summary>Its user took over the lingering (see <see cref="Settled"/>): the transaction ends now instead of on its timer.</summary>
    internal void HandOff()
    {
        lock (Gate)
        {
            if (State is TransactionState.Completed or TransactionState.Confirmed)
            {
                Terminate(TransactionEnd.Completed);
            }
        }
    }

    /// <summary>The interval the retransmission timer (A, E or G) was last armed with, so that the next one can double it.</summary>
    private protected TimeSpan RetransmitInterval { get; private set; }

    /// <summary>Arms the retransmission timer (A, E or G) and remembers its interval.</summary>
    private protected void ArmRetransmission(int timer, TimeSpan interval)
    {
        RetransmitInterval = interval;
        Arm(timer, interval);
    }

    /// <summary>Re-arms the retransmission timer at twice its last interval, capped at T2 (timers E and G; A has no cap).</summary>
    private protected void ArmDoubled(int timer, bool capped = true) => ArmRetransmission(timer, Doubled(capped));

    /// <summary>Twice the retransmission timer's last interval, capped at T2 unless told otherwise.</summary>
    private protected TimeSpan Doubled(bool capped = true)
    {
        var next = RetransmitInterval * 2;
        return capped && next > Timers.T2 ? Timers.T2 : next;
    }

    /// <summary>Arms timer <paramref name="timer"/> to fire after <paramref name="due"/>, replacing its pending shot.</summary>
    private protected void Arm(int timer, TimeSpan due)
    {
        // Scheduling a shot that is armed moves it (and moves its generation on, as a cancel would).
        _wheel.Schedule(due, this, timer);
        ShotOf(timer).Pending = true;
    }

    /// <summary>Cancels <paramref name="timer"/>, and with it whatever timer shares its shot (see <see cref="ShotOf"/>).</summary>
    private protected void Cancel(int timer)
    {
        ref var shot = ref ShotOf(timer);
        if (shot.Pending)
        {
            _wheel.Cancel(this, timer);
            shot.Pending = false;
        }
    }

    /// <summary>
    /// The shot on the wheel <paramref name="timer"/> is armed on, kept inline by the state machine and reused: arming
    /// a timer (G of every rejected call) makes nothing. Timers that are never armed at once share one: arming one
    /// moves the shot, cancelling one cancels the shot. Every state machine arms its last timer (D, I, J, K) only once
    /// the others are cancelled, and a server INVITE transaction never has G and H armed at once.
    /// </summary>
    private protected abstract ref TimerShot ShotOf(int timer);

    ref TimerShot ITimerTarget.ShotOf(int id) => ref ShotOf(id);

    /// <summary>A timer fired (under the lock, and only while the transaction lives).</summary>
    private protected abstract void OnTimer(int timer);

    /// <summary>
    /// A shot from the wheel. A shot armed again or cancelled while already on its way is ignored (its generation moved
    /// on): the check runs under the transaction's lock, as do <see cref="Arm"/> and <see cref="Cancel"/>.
    /// </summary>
    void ITimerTarget.Fire(int id, int generation)
    {
        lock (Gate)
        {
            ref var shot = ref ShotOf(id);
            if (!shot.Pending || shot.Generation != generation)
            {
                return;
            }

            shot.Pending = false;
            if (!IsTerminated)
            {
                OnTimer(id);
            }
        }
    }

    /// <summary>
    /// Enters the wait that only absorbs or answers retransmissions (timer D, I, J or K): the transaction settles and
    /// <paramref name="timer"/> ends it after <paramref name="wait"/>; a zero wait (reliable transports) ends it at once.
    /// </summary>
    private protected void Linger(int timer, TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
        {
            Terminate(TransactionEnd.Completed);
            return;
        }

        // Settled first: a user that takes the lingering over ends the transaction there, and a timer armed before
        // would only be cancelled again (a shot made and unlinked per transaction, under the wheel's lock each time).
        Settle();
        if (!IsTerminated)
        {
            Arm(timer, wait);
        }
    }

    protected void Terminate(TransactionEnd end)
    {
        State = TransactionState.Terminated;
        CancelAll();

        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            User.OnEnded(this, end);
            Ended?.Invoke(this, end);
            OnTerminated();
        }
    }

    /// <summary>
    /// The transaction ended, once, under its lock, after its user and the <see cref="Ended"/> handlers heard: nothing
    /// it sends or hands out is read by it again (every send and every read of its answer checks the state under this
    /// lock first).
    /// </summary>
    private protected virtual void OnTerminated()
    {
    }

    private void CancelAll()
    {
        for (var timer = 0; timer < TimerCount; timer++)
        {
            Cancel(timer);
        }
    }
}
