using Screening.Rules;

namespace Screening.Benchmarks;

/// <summary>
/// Prints the managed memory the rate rules' counters hold for a number of distinct active callers (each with
/// one call to a distinct callee, admitted, alerting and cancelled), and what is left once their windows passed.
/// </summary>
public static class CounterMemory
{
    public static void Run(int callers)
    {
        var parameters = ScreeningParameters.Defaults;
        var at = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.FromHours(8));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var oneRing = new OneRingRule(parameters);
        var bombing = new BombingRule(parameters);
        var admitted = ScreeningDecision.Forward;
        for (var i = 0; i < callers; i++)
        {
            var call = new CallAttempt(Realm.Interconnect, (13_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), null,
                (15_000_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "192.0.2.1:5060", "c", at);
            bombing.OnScreened(call, admitted);
            oneRing.OnAlerting(call, at);
            oneRing.OnEnded(call, CallEnd.Cancelled, at.AddSeconds(2));
        }

        var loaded = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"counters for {callers:N0} callers (bombing + one-ring): {(loaded - before) / 1024.0 / 1024.0:F1} MB managed");

        // A call after every window has passed triggers the sweep that evicts the old windows.
        var later = new CallAttempt(Realm.Interconnect, "13900000000", null, "15900000000", "192.0.2.1:5060", "late", at.AddHours(1));
        bombing.OnScreened(later, admitted);
        oneRing.OnAlerting(later, later.At);
        oneRing.OnEnded(later, CallEnd.Cancelled, later.At.AddSeconds(1));
        var evicted = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"after the windows passed: {(evicted - before) / 1024.0 / 1024.0:F1} MB managed");
        GC.KeepAlive(oneRing);
        GC.KeepAlive(bombing);
    }
}
