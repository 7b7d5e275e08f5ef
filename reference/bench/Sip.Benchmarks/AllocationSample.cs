using System.Diagnostics.Tracing;
using System.Globalization;

namespace Sip.Benchmarks;

/// <summary>
/// What an intercepted call allocates, by type (<c>-- --alloc</c>): the runtime's allocation ticks (one about every
/// 100 KB allocated, naming the type that crossed it) over many calls, so each type's share of the bytes shows.
/// </summary>
public sealed class AllocationSample : EventListener
{
    private const int Calls = 200_000;
    private readonly Dictionary<string, long> _bytes = [];
    private bool _on;

    public static void Run()
    {
        var intercept = new ProxyBenchmarks();
        intercept.Setup();
        Sample("InterceptedCall", () => intercept.InterceptedCall());
        Sample("InterceptedCallOverUdp", () => intercept.InterceptedCallOverUdp());
        Sample("InterceptedCallOverUdpAtSteadyRate", () => intercept.InterceptedCallOverUdpAtSteadyRate());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(at the steady rate {intercept.SteadyLingering} calls linger for timer I at the end)"));
    }

    private static void Sample(string name, Action call)
    {
        for (var i = 0; i < 20_000; i++)
        {
            call();
        }

        using var sample = new AllocationSample();
        var before = GC.GetAllocatedBytesForCurrentThread();
        sample._on = true;
        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        sample._on = false;
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {perCall:F0} B a call; share by type (sampled):"));
        var total = (double)Math.Max(1, sample._bytes.Values.Sum());
        foreach (var (type, bytes) in sample._bytes.OrderByDescending(p => p.Value).Take(30))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{perCall * bytes / total,8:F0} B  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (!_on || data.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || data.Payload is null)
        {
            return;
        }

        var type = data.PayloadNames!.IndexOf("TypeName") is >= 0 and var t ? data.Payload[t] as string ?? "?" : "?";
        var amount = data.PayloadNames!.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(data.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
