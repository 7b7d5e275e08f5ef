using System.Diagnostics;

namespace Screening.Benchmarks;

/// <summary>Prints the average cost of each rule on the marketing path, to find where a decision's time goes.</summary>
public static class RuleCosts
{
    public static void Run()
    {
        var bench = new ScreeningDecisionBenchmark();
        bench.Setup();
        var pipeline = bench.Pipeline;
        var calls = bench.MarketingCalls;
        foreach (var rule in pipeline.Rules)
        {
            var watch = Stopwatch.StartNew();
            const int N = 200_000;
            for (var i = 0; i < N; i++)
            {
                var c = calls[i & 4095];
                rule.Evaluate(new CallAttempt(c.Realm, c.PresentedNumber, c.AssertedNumber, c.CalledNumber, c.Source, c.CallId, c.At));
            }

            Console.WriteLine($"{rule.Id,-28} {watch.Elapsed.TotalMilliseconds * 1e6 / N,8:F0} ns");
        }
    }
}
