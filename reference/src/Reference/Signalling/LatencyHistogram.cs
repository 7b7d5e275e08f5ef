using System.Diagnostics;

namespace Reference.Signalling;

/// <summary>
/// Lock-free latency histogram: geometric buckets 25% wide from 1 µs to about 30 s. A percentile is reported as
/// the upper bound of its bucket, so it overstates by at most a quarter and never understates.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Growth = 1.25;
    private static readonly double[] UpperMicros = BuildBounds();
    private readonly long[] _counts = new long[UpperMicros.Length + 1];
    private long _count;
    private long _sumTicks;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) to now.</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetTimestamp() - startTimestamp);

    public void Record(long elapsedTicks)
    {
        var micros = elapsedTicks * 1_000_000.0 / Stopwatch.Frequency;
        var index = Array.BinarySearch(UpperMicros, micros);
        Interlocked.Increment(ref _counts[index < 0 ? ~index : index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumTicks, elapsedTicks);
        long max;
        while (elapsedTicks > (max = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, elapsedTicks, max) != max)
        {
        }
    }

    public LatencySnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _counts[i]);
        }

        var total = counts.Sum();
        var max = Math.Round(Interlocked.Read(ref _maxTicks) * 1_000_000.0 / Stopwatch.Frequency, 1);
        var buckets = new List<LatencyBucket>();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                buckets.Add(new LatencyBucket(i < UpperMicros.Length ? Math.Round(UpperMicros[i], 1) : null, counts[i]));
            }
        }

        return new LatencySnapshot(
            total,
            total == 0 ? 0 : Math.Round(Interlocked.Read(ref _sumTicks) * 1_000_000.0 / Stopwatch.Frequency / total, 1),
            Percentile(counts, total, 0.50, max),
            Percentile(counts, total, 0.90, max),
            Percentile(counts, total, 0.99, max),
            Percentile(counts, total, 0.999, max),
            max,
            buckets);
    }

    private static double Percentile(long[] counts, long total, double quantile, double max)
    {
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i < UpperMicros.Length ? Math.Min(Math.Round(UpperMicros[i], 1), max) : max;
            }
        }

        return max;
    }

    private static double[] BuildBounds()
    {
        var bounds = new List<double>();
        for (var bound = 1.0; bound < 30_000_000; bound *= Growth)
        {
            bounds.Add(bound);
        }

        return bounds.ToArray();
    }
}
