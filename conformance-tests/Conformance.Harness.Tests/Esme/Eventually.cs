using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Conformance.Harness.Tests.Esme;

/// <summary>Waits, bounded in real time, for a condition that other threads bring about; optionally moving fake time on between looks.</summary>
internal static class Eventually
{
    public static async Task<bool> Until(Func<bool> condition, FakeTimeProvider? time = null, TimeSpan? step = null, int realMilliseconds = 10_000)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < realMilliseconds)
        {
            if (condition())
            {
                return true;
            }

            if (time is not null)
            {
                time.Advance(step ?? TimeSpan.FromMilliseconds(50));
            }

            await Task.Delay(5);
        }

        return condition();
    }

    /// <summary>Moves fake time on in steps, letting the threads it wakes run, without waiting for anything.</summary>
    public static async Task Advance(FakeTimeProvider time, TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            time.Advance(step);
            await Task.Delay(5);
        }
    }
}
