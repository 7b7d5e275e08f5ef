using System.Diagnostics;

namespace Cluster.Tests;

/// <summary>Waits for what another node or process does in its own time, failing with what was awaited.</summary>
public static class Poll
{
    public static Task Eventually(Func<bool> condition, TimeSpan within, string what) => Eventually(condition, within, () => what);

    public static async Task Eventually(Func<bool> condition, TimeSpan within, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(clock.Elapsed, Is.LessThan(within), () => $"not within {within.TotalSeconds} s: {what()}");
            await Task.Delay(20);
        }
    }
}
