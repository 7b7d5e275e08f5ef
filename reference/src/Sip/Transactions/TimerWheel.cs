using System.Runtime.CompilerServices;

namespace Sip.Transactions;

/// <summary>
/// A hashed timing wheel (one per <see cref="TimeProvider"/>) for the transaction timers: one periodic tick (<see cref="WheelTicker"/>) instead
/// of a system timer per armed timer. A proxy at thousands of calls a second arms three or four timers per call and almost
/// always cancels them; on a wheel arming and cancelling are a list insert and unlink, and nothing wakes a timer thread.
/// Timers fire on the tick at or after their due time (at most one tick late); the tick stops while nothing is armed.
/// On the system clock the wheel is not turned tick by tick: its thread sleeps until the next tick whose slot holds a
/// shot and turns every tick up to then at once (see <see cref="ThreadTicker"/>).
/// </summary>
internal sealed class TimerWheel
{
    // Every SIP timer (T1 = 500 ms, T2, T4, 64·T1) is a multiple of 50 ms, so none fires late for it; Kamailio's tm
    // ticks at 1/16 s. A tick the thread wakes for costs tens of microseconds on a virtual machine: woken for every
    // tick, the timer thread took 2.4 µs of CPU per intercepted call at 4,000 calls/s with 10 ms ticks, 0.6 µs with
    // 50 ms; woken only for ticks that hold a shot, 0.2–0.3 µs (figure lean-ab-udp-intercept.txt).
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private const int SlotCount = 512;
    private static readonly ConditionalWeakTable<TimeProvider, TimerWheel> Wheels = new();

    // The first shot of each slot, by owner and timer id; the rest are linked from it (see TimerShot).
    private readonly ITimerTarget?[] _slots = new ITimerTarget?[SlotCount];
    private readonly byte[] _slotIds = new byte[SlotCount];
    private readonly Lock _gate = new();

    // Ticks turned since the wheel was made; the slot of the last one is the cursor.
    private long _turned;
    private int _count;

    // The tick a sleeping ticker wakes for: a shot armed for an earlier one wakes it sooner.
    private long _wakeAt = long.MaxValue;
    private readonly WheelTicker _ticker;
    private long _faults;
    private Exception? _lastFault;

    private TimerWheel(TimeProvider time) => _ticker = WheelTicker.For(time, this);

    /// <summary>A wheel turned by a ticker of the caller's (a test's, which counts what the wheel asks of it).</summary>
    internal TimerWheel(Func<TimerWheel, WheelTicker> ticker) => _ticker = ticker(this);

    // A node runs on one clock: its wheel is kept at hand, so that each new transaction (four per forwarded call) does
    // not look the weak table up, which is a call into the runtime.
    private static Last? s_last;

    public static TimerWheel For(TimeProvider time)
    {
        if (Volatile.Read(ref s_last) is { } last && ReferenceEquals(last.Time, time))
        {
            return last.Wheel;
        }

        var wheel = Wheels.GetValue(time, static t => new TimerWheel(t));
        Volatile.Write(ref s_last, new Last(time, wheel));
        return wheel;
    }

    /// <summary>Arms a one-shot timer; <paramref name="fired"/> gets the entry made for it.</summary>
    public Entry Schedule(TimeSpan due, Action<Entry> fired)
    {
        var entry = new Entry(fired);
        Schedule(due, entry, 0);
        return entry;
    }

    /// <summary>
    /// Arms timer <paramref name="id"/> of <paramref name="target"/> on the shot the target keeps for it (moved, if it
    /// was armed): the shot names it, so nothing is made per timer. Returns the shot's new generation.
    /// </summary>
    public int Schedule(TimeSpan due, ITimerTarget target, int id)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)id, (uint)byte.MaxValue, nameof(id));
        var ticks = Math.Max(1L, (due.Ticks + Tick.Ticks - 1) / Tick.Ticks);
        ref var shot = ref target.ShotOf(id);
        lock (_gate)
        {
            if (shot.Linked)
            {
                Unlink(ref shot);
            }

            // Counted from the tick the clock is at, which a sleeping ticker has not turned yet; with nothing armed
            // there is nothing to turn up to it, so the wheel moves there at once.
            var now = _ticker.Now(_turned);
            if (_count == 0)
            {
                _turned = now;
            }

            var at = now + ticks;

            // A shot more than two billion turns (some 1,700 years) away is as good as never due.
            shot.Rounds = (int)Math.Min((at - _turned - 1) / SlotCount, int.MaxValue);
            var slot = (int)(at % SlotCount);
            shot.Slot = slot;
            shot.Next = _slots[slot];
            shot.NextId = _slotIds[slot];
            shot.Previous = null;
            if (shot.Next is { } next)
            {
                ref var after = ref next.ShotOf(shot.NextId);
                after.Previous = target;
                after.PreviousId = (byte)id;
            }

            _slots[slot] = target;
            _slotIds[slot] = (byte)id;
            shot.Linked = true;
            shot.Generation++;
            _count++;

            // Only a ticker that has gone idle, or sleeps for a later tick, is woken. A wheel whose shots were all
            // cancelled still has its ticker asleep until the last tick it was told of (a cancel does not wake it):
            // a shot due no sooner than that wakes nothing. Over TCP each intercepted call arms timer H on a wheel its
            // ACK has just emptied, and waking the thread for each of those cost more than the timers themselves.
            if (at < _wakeAt)
            {
                var idle = _wakeAt == long.MaxValue;
                _wakeAt = at;
                if (idle)
                {
                    _ticker.Armed();
                }
                else
                {
                    _ticker.Sooner();
                }
            }

            return shot.Generation;
        }
    }

    public void Cancel(Entry entry) => Cancel(entry, 0);

    /// <summary>
    /// Cancels timer <paramref name="id"/> of <paramref name="target"/>: unlinked if still on the wheel, and its
    /// generation moved on, so that a shot the wheel is already firing is known as cancelled by its owner.
    /// </summary>
    public void Cancel(ITimerTarget target, int id)
    {
        ref var shot = ref target.ShotOf(id);
        lock (_gate)
        {
            if (shot.Linked)
            {
                Unlink(ref shot);
            }

            shot.Generation++;
        }
    }

    /// <summary>Turns the wheel one tick (a ticker that ticks on a fixed cadence).</summary>
    internal void TurnOnce()
    {
        if (TurnOne() is { } due)
        {
            Fire(due);
        }
    }

    /// <summary>
    /// Turns every tick up to <paramref name="now"/>, firing what falls due on each in turn, and returns the next tick
    /// whose slot holds a shot (<see cref="long.MaxValue"/> when nothing is armed): the ticker sleeps until then.
    /// </summary>
    internal long TurnTo(long now)
    {
        while (true)
        {
            List<Due>? due;
            lock (_gate)
            {
                if (_count == 0)
                {
                    // Every shot was cancelled (or fired): nothing to wake for until one is armed.
                    _wakeAt = long.MaxValue;
                    _ticker.Idle();
                    return _wakeAt;
                }

                if (_turned >= now)
                {
                    _wakeAt = NextOccupied();
                    return _wakeAt;
                }

                due = TurnOneLocked();
            }

            if (due is not null)
            {
                Fire(due);
            }
        }
    }

    private List<Due>? TurnOne()
    {
        lock (_gate)
        {
            return TurnOneLocked();
        }
    }

    private List<Due>? TurnOneLocked()
    {
        List<Due>? due = null;
        _turned++;
        var slot = (int)(_turned % SlotCount);
        var target = _slots[slot];
        var id = _slotIds[slot];
        while (target is not null)
        {
            ref var shot = ref target.ShotOf(id);
            var next = shot.Next;
            var nextId = shot.NextId;
            if (shot.Rounds == 0)
            {
                Unlink(ref shot);
                (due ??= []).Add(new Due(target, id, shot.Generation));
            }
            else
            {
                shot.Rounds--;
            }

            target = next;
            id = nextId;
        }

        if (_count == 0)
        {
            _wakeAt = long.MaxValue;
            _ticker.Idle();
        }

        return due;
    }

    // The first tick after the last one turned whose slot holds anything (a shot due then, or one a turn or more later
    // whose rounds that tick counts down).
    private long NextOccupied()
    {
        for (var ahead = 1L; ahead <= SlotCount; ahead++)
        {
            if (_slots[(int)((_turned + ahead) % SlotCount)] is not null)
            {
                return _turned + ahead;
            }
        }

        return _turned + SlotCount;
    }

    private void Fire(List<Due> due)
    {
        foreach (var shot in due)
        {
            try
            {
                shot.Target.Fire(shot.Id, shot.Generation);
            }
            // Boundary: the wheel's own thread (see below).
#pragma warning disable CA1031
            catch (Exception exception)
#pragma warning restore CA1031
            {
                // A timer that throws must not end the process (the wheel's thread has nobody above it to catch) nor
                // keep the shots after it in this tick from firing: it is counted and kept for the node's metrics.
                Interlocked.Increment(ref _faults);
                Volatile.Write(ref _lastFault, exception);
            }
        }
    }

    /// <summary>Shots armed and not yet fired or cancelled.</summary>
    public int Armed
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Timer callbacks that threw since the wheel was made.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>The exception of the latest callback that threw, if any.</summary>
    public Exception? LastFault => Volatile.Read(ref _lastFault);

    private void Unlink(ref TimerShot shot)
    {
        if (shot.Previous is { } previous)
        {
            ref var before = ref previous.ShotOf(shot.PreviousId);
            before.Next = shot.Next;
            before.NextId = shot.NextId;
        }
        else
        {
            _slots[shot.Slot] = shot.Next;
            _slotIds[shot.Slot] = shot.NextId;
        }

        if (shot.Next is { } next)
        {
            ref var after = ref next.ShotOf(shot.NextId);
            after.Previous = shot.Previous;
            after.PreviousId = shot.PreviousId;
        }

        shot.Next = shot.Previous = null;
        shot.Linked = false;
        _count--;
    }

    /// <summary>A shot that fell due on a turn, to fire once the wheel's lock is let go: whose, which, and as armed when.</summary>
    private readonly record struct Due(ITimerTarget Target, byte Id, int Generation);

    /// <summary>A one-shot timer that calls a delegate (each made for one <see cref="Schedule(TimeSpan, Action{Entry})"/>).</summary>
    internal sealed class Entry(Action<Entry> fired) : ITimerTarget
    {
        private TimerShot _shot;

        ref TimerShot ITimerTarget.ShotOf(int id) => ref _shot;

        // Fired as it fell due: a delegate's owner tells a stale shot itself (see Schedule).
        void ITimerTarget.Fire(int id, int generation) => fired(this);
    }

    private sealed record Last(TimeProvider Time, TimerWheel Wheel);
}
