namespace Reference.Signalling;

/// <summary>A histogram read at one moment; all times in microseconds.</summary>
public sealed record LatencySnapshot(
    long Count,
    double MeanMicros,
    double P50Micros,
    double P90Micros,
    double P99Micros,
    double P999Micros,
    double MaxMicros,
    IReadOnlyList<LatencyBucket> Buckets);
