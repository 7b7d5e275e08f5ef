using BenchmarkDotNet.Running;
using Screening.Benchmarks;

// "memory [callers]" prints counter memory; "rules" prints each rule's cost; "call-records [per-second] [seconds] [postgres-connection|-] [callees]
// [mixed|load] [journal]"
// prints what writing call records costs; "journal-appends [records]" what appending one to the journal costs the call's thread; "store [enterprises] [numbers] [postgres-connection]"
// prints the durable store's write-through and load costs; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Length > 0 && args[0] == "memory")
{
    CounterMemory.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args.Length > 0 && args[0] == "rules")
{
    RuleCosts.Run();
    return;
}

if (args.Length > 0 && args[0] == "call-records")
{
    CallRecordCosts.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10,
        args.Length > 3 && args[3] != "-" ? args[3] : null,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        args.Length > 5 ? args[5] : "mixed",
        args.Length > 6 && args[6] == "journal");
    return;
}

if (args.Length > 0 && args[0] == "journal-appends")
{
    CallRecordCosts.Appends(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args.Length > 0 && args[0] == "store")
{
    StoreCosts.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000,
        args.Length > 3 ? args[3] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScreeningDecisionBenchmark).Assembly).Run(args);
