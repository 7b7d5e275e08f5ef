using System.Diagnostics;

namespace Sip.Transactions;

/// <summary>
/// Ticks on a thread of its own that sleeps between ticks. A periodic system timer hands each tick to a thread-pool
/// worker, and a worker that has run a callback spins (yielding the processor) before it sleeps: at a hundred ticks
/// a second that spinning cost a proxy under load more than its timers did. Ticks keep to a fixed cadence; a thread
/// that was held up (a garbage collection) runs the ticks it missed at once, so timers fire late but in order.
/// </summary>
internal sealed class ThreadTicker : WheelTicker
{
    private readonly Action _tick;
    private readonly object _signal = new();
    private bool _armed;
    private Thread? _thread;

    public ThreadTicker(Action tick) => _tick = tick;

    public override void Armed()
    {
        lock (_signal)
        {
            _armed = true;
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

    public override void Idle()
    {
        lock (_signal)
        {
            _armed = false;
        }
    }

    private void Run()
    {
        var period = (long)(TimerWheel.Tick.TotalSeconds * Stopwatch.Frequency);
        var due = Stopwatch.GetTimestamp() + period;
        while (true)
        {
            lock (_signal)
            {
                if (!_armed)
                {
                    while (!_armed)
                    {
                        Monitor.Wait(_signal);
                    }

                    due = Stopwatch.GetTimestamp() + period;
                }
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            _tick();
            due += period;
        }
    }
}
