using System.Collections.Concurrent;
using Conformance.Harness.ShortMessages;

namespace Conformance.Specs.Support;

/// <summary>
/// Every flash SMS delay of the run, from the suite sending a labelled call's INVITE to the flash SMS reaching the
/// suite's SMSC (an upper bound of "INVITE forwarded → SMSC", the 50 ms target of issue 6), reported at the end.
/// </summary>
public static class FlashSmsDelays
{
    private static readonly ConcurrentQueue<TimeSpan> Samples = new();

    public static void Add(TimeSpan delay) => Samples.Enqueue(delay);

    public static LatencyDistribution? Distribution => Samples.IsEmpty ? null : LatencyDistribution.Of(Samples);
}
