using System.Diagnostics;

namespace Sip.Transactions;

/// <summary>
/// Turns the wheel on a thread of its own. A periodic system timer hands each tick to a thread-pool worker, and a
/// worker that has run a callback spins (yielding the processor) before it sleeps: at a hundred ticks a second that
/// spinning cost a proxy under load more than its timers did. Nor does the thread wake for every tick: it sleeps until
/// the next tick whose slot holds a shot, then turns every tick up to the clock's. Under load most shots are
/// retransmission timers cancelled long before they are due (timer G of a rejection, until its ACK), so the thread
/// wakes a few times a second instead of twenty, each wake-up being microseconds of a virtual machine's processor.
/// Ticks keep a fixed grid from the thread's start; a thread that was held up (a garbage collection) turns the ticks
/// it missed at once, so timers fire late but in order.
/// </summary>
internal sealed class ThreadTicker : WheelTicker
{
    private static readonly long Period = (long)(TimerWheel.Tick.TotalSeconds * Stopwatch.Frequency);

    private readonly TimerWheel _wheel;
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly object _signal = new();
    private bool _armed;

    // Set by Sooner (and Armed) under the signal's lock: the thread looks again before it waits, so no wake-up is lost
    // between its reading the wheel and its waiting.
    private bool _woken;
    private Thread? _thread;

    public ThreadTicker(TimerWheel wheel) => _wheel = wheel;

    public override long Now(long turned) => Math.Max(turned, (Stopwatch.GetTimestamp() - _origin) / Period);

    public override void Armed()
    {
        lock (_signal)
        {
            _armed = true;
            _woken = true;
            if (_thread is null)
            {
                _thread = new Thread(Run, maxStackSize: 256 * 1024) { IsBackground = true, Name = "sip-timers" };
                _thread.Start();
            }
            else
            {
                Monitor.Pulse(_signal);
            }
        }
    }

    public override void Sooner()
    {
        lock (_signal)
        {
            _woken = true;
            Monitor.Pulse(_signal);
        }
    }

    public override void Idle()
    {
        lock (_signal)
        {
            _armed = false;
        }
    }

    private void Run()
    {
        while (true)
        {
            lock (_signal)
            {
                while (!_armed)
                {
                    Monitor.Wait(_signal);
                }

                _woken = false;
            }

            var wakeAt = _wheel.TurnTo(Now(0));
            if (wakeAt == long.MaxValue)
            {
                continue;
            }

            // Rounded up to whole milliseconds (what a timed wait takes): woken early, the thread would find the tick
            // not yet come and wait again for nothing.
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _origin + (wakeAt * Period));
            if (wait <= TimeSpan.Zero)
            {
                continue;
            }

            lock (_signal)
            {
                if (!_woken && _armed)
                {
                    Monitor.Wait(_signal, (int)Math.Ceiling(wait.TotalMilliseconds));
                }
            }
        }
    }
}
