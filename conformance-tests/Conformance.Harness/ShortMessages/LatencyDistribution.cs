using System.Globalization;

namespace Conformance.Harness.ShortMessages;

/// <summary>
/// Delays over a run (for instance, INVITE forwarded → flash SMS at the SMSC), summarised as the report
/// states them: count, median, 95th and 99th percentile and maximum, nearest-rank.
/// </summary>
public sealed record LatencyDistribution(int Count, TimeSpan Median, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    public static LatencyDistribution Of(IEnumerable<TimeSpan> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyDistribution(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        TimeSpan Rank(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencyDistribution(sorted.Length, Rank(50), Rank(95), Rank(99), sorted[^1]);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"n={Count} p50={Median.TotalMilliseconds:0.0} ms p95={P95.TotalMilliseconds:0.0} ms p99={P99.TotalMilliseconds:0.0} ms max={Max.TotalMilliseconds:0.0} ms");
}
