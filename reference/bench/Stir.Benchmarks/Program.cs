using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Stir.Benchmarks.PassportBenchmarks).Assembly).Run(args);
