using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Sip.Benchmarks.ParserBenchmarks).Assembly).Run(args);
