namespace Reference.Signalling;

/// <summary>Calls whose latency fell at or below <paramref name="UpToMicros"/> and above the previous bucket; null is the overflow bucket beyond 30 s.</summary>
public sealed record LatencyBucket(double? UpToMicros, long Count);
