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

    private readonly Entry?[] _slots = new Entry?[SlotCount];
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

    /// <summary>Arms a one-shot timer; <paramref name="fired"/> gets the entry so that its owner can tell a stale shot from the current one.</summary>
    public Entry Schedule(TimeSpan due, Action<Entry> fired) => Schedule(due, new Entry(fired, 0));

    /// <summary>Arms timer <paramref name="id"/> of <paramref name="target"/>: the shot names it, so no delegate is made per timer.</summary>
    public Entry Schedule(TimeSpan due, ITimerTarget target, int id) => Schedule(due, new Entry(target, id));

    private Entry Schedule(TimeSpan due, Entry entry)
    {
        var ticks = Math.Max(1L, (due.Ticks + Tick.Ticks - 1) / Tick.Ticks);
        lock (_gate)
        {
            // Counted from the tick the clock is at, which a sleeping ticker has not turned yet; with nothing armed
            // there is nothing to turn up to it, so the wheel moves there at once.
            var now = _ticker.Now(_turned);
            if (_count == 0)
            {
                _turned = now;
            }

            var at = now + ticks;
            entry.Rounds = (at - _turned - 1) / SlotCount;
            var slot = (int)(at % SlotCount);
            entry.Slot = slot;
            entry.Next = _slots[slot];
            if (entry.Next is not null)
            {
                entry.Next.Previous = entry;
            }

            _slots[slot] = entry;
            entry.Linked = true;
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
        }

        return entry;
    }

    public void Cancel(Entry entry)
    {
        lock (_gate)
        {
            Unlink(entry);
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
            List<Entry>? due;
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

    private List<Entry>? TurnOne()
    {
        lock (_gate)
        {
            return TurnOneLocked();
        }
    }

    private List<Entry>? TurnOneLocked()
    {
        List<Entry>? due = null;
        _turned++;
        var entry = _slots[(int)(_turned % SlotCount)];
        while (entry is not null)
        {
            var next = entry.Next;
            if (entry.Rounds == 0)
            {
                Unlink(entry);
                (due ??= []).Add(entry);
            }
            else
            {
                entry.Rounds--;
            }

            entry = next;
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

    private void Fire(List<Entry> due)
    {
        foreach (var entry in due)
        {
            try
            {
                if (entry.Target is ITimerTarget target)
                {
                    target.Fire(entry);
                }
                else
                {
                    ((Action<Entry>)entry.Target)(entry);
                }
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

    private void Unlink(Entry entry)
    {
        if (!entry.Linked)
        {
            return;
        }

        if (entry.Previous is not null)
        {
            entry.Previous.Next = entry.Next;
        }
        else
        {
            _slots[entry.Slot] = entry.Next;
        }

        if (entry.Next is not null)
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Next = entry.Previous = null;
        entry.Linked = false;
        _count--;
    }

    /// <summary>One armed timer: whom it calls (an <see cref="ITimerTarget"/> and the timer's id, or a delegate), its slot, how many more turns of the wheel it waits, and its neighbours in the slot.</summary>
    internal sealed class Entry(object target, int id)
    {
        public object Target { get; } = target;

        public int Id { get; } = id;

        public long Rounds { get; set; }

        public int Slot { get; set; }

        public bool Linked { get; set; }

        public Entry? Next { get; set; }

        public Entry? Previous { get; set; }
    }

    private sealed record Last(TimeProvider Time, TimerWheel Wheel);
}
