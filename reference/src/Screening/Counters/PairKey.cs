namespace Screening.Counters;

/// <summary>Two numbers (or a number and an enterprise) packed into 16 bytes, so counters keep no strings.</summary>
public readonly record struct PairKey(long First, long Second);
