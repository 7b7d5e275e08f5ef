using BenchmarkDotNet.Running;
using Screening.Benchmarks;

// "memory [callers]" prints counter memory; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Length > 0 && args[0] == "memory")
{
    CounterMemory.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScreeningDecisionBenchmark).Assembly).Run(args);
