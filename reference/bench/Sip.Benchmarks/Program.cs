using BenchmarkDotNet.Running;

if (args.Contains("--alloc"))
{
    Sip.Benchmarks.AllocationSample.Run();
    return;
}

if (args.Contains("--cpu-time"))
{
    Sip.Benchmarks.CpuTimeRun.Run(parseOnly: args.Contains("--parse"));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Sip.Benchmarks.ParserBenchmarks).Assembly).Run(args);
