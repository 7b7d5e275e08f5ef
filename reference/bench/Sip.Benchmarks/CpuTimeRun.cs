using System.Diagnostics;
using System.Globalization;

namespace Sip.Benchmarks;

/// <summary>
/// The parse and proxy benchmarks timed in CPU time of this process instead of wall time (<c>-- --cpu-time</c>). On a machine
/// whose cores are shared with other work, wall-clock timings measure the neighbours as much as the parser; the CPU
/// the parse itself used (garbage collection included) does not depend on them. Each figure is the best of 15 rounds.
/// </summary>
public static class CpuTimeRun
{
    private const int Rounds = 15;
    private const int OperationsPerRound = 200_000;

    /// <summary>Runs every benchmark, or with <paramref name="parseOnly"/> (<c>--cpu-time --parse</c>) the two parse ones.</summary>
    public static void Run(bool parseOnly = false)
    {
        var benchmarks = new ParserBenchmarks();
        benchmarks.Setup();
        Console.WriteLine("method            cpu ns/op   bytes/op");
        Report("ParseDatagram", () => benchmarks.ParseDatagram());
        Report("ParseStream", () => benchmarks.ParseStream());
        if (parseOnly)
        {
            return;
        }

        Report("Serialize", () => benchmarks.Serialize());
        var forward = new ForwardBenchmarks();
        forward.Setup();
        Report("ForwardedCall", () => forward.ForwardedCall());
        var intercept = new ProxyBenchmarks();
        intercept.Setup();
        Report("InterceptedCall", () => intercept.InterceptedCall());
        Report("InterceptedUdp", () => intercept.InterceptedCallOverUdp());
        Report("InterceptedSteady", () => intercept.InterceptedCallOverUdpAtSteadyRate());
    }

    private static void Report(string name, Action operation)
    {
        var best = double.MaxValue;
        long allocated = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < OperationsPerRound; i++)
            {
                operation();
            }

            allocated = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / OperationsPerRound;
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / OperationsPerRound);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-17} {best,9:F0} {allocated,10}"));
    }
}
