using System.Runtime.InteropServices;

namespace Sip.Transport;

/// <summary>
/// A sleep of some microseconds, <c>clock_nanosleep</c> on the monotonic clock from the C library (Linux), for the
/// pause a busy UDP receive loop takes between batches (<see cref="ReceiveWindow"/>). <see cref="Thread.Sleep(int)"/>
/// counts whole milliseconds, and a spin would spend the core the pause is meant to save. Off Linux, or when the C
/// library lacks the call, <see cref="Available"/> is false and nothing pauses.
/// </summary>
internal static unsafe class PreciseSleep
{
    private const int MonotonicClock = 1; // CLOCK_MONOTONIC
    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK

    // Both block or may, so both make the runtime's transition into native code: a collection need not wait for them.
    private static readonly delegate* unmanaged<int, int, TimeSpec*, TimeSpec*, int> s_sleep;
    private static readonly delegate* unmanaged<int, nuint, nuint, nuint, nuint, int> s_control;

    static PreciseSleep()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            return;
        }

        if (NativeLibrary.TryGetExport(libc, "clock_nanosleep", out var sleep) && NativeLibrary.TryGetExport(libc, "prctl", out var control))
        {
            s_sleep = (delegate* unmanaged<int, int, TimeSpec*, TimeSpec*, int>)sleep;
            s_control = (delegate* unmanaged<int, nuint, nuint, nuint, nuint, int>)control;
        }
    }

    public static bool Available => s_sleep is not null;

    /// <summary>
    /// Lets the calling thread's timed sleeps end within <paramref name="nanoseconds"/> of their time. The kernel lets a
    /// sleep run up to 50 µs past it by default (so that it can serve several timers with one interrupt): half of a
    /// 100 µs pause. Only the calling thread is affected.
    /// </summary>
    public static void LimitLateness(int nanoseconds)
    {
        if (s_control is not null && nanoseconds > 0)
        {
            // Whatever it answers (an old kernel, a sandbox that refuses), the pause still ends: only later.
            _ = s_control(SetTimerSlack, (nuint)nanoseconds, 0, 0, 0);
        }
    }

    /// <summary>Sleeps for <paramref name="microseconds"/>; a signal may end it early, which only shortens a pause.</summary>
    public static void Microseconds(int microseconds)
    {
        if (s_sleep is null)
        {
            return;
        }

        var duration = new TimeSpec { Seconds = microseconds / 1_000_000, Nanoseconds = microseconds % 1_000_000 * 1_000L };
        _ = s_sleep(MonotonicClock, 0, &duration, null);
    }

    /// <summary>struct timespec (LP64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
