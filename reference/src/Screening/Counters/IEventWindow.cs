namespace Screening.Counters;

/// <summary>
/// Events per key within a sliding window, as the rate rules count them. One node keeps them in its own memory
/// (<see cref="SlidingWindowLog{TKey}"/>); several nodes screening side by side share them (the host's Redis
/// windows), so that a caller's calls count wherever they are screened.
/// </summary>
public interface IEventWindow<TKey>
    where TKey : notnull, IEquatable<TKey>
{
    TimeSpan Window { get; }

    /// <summary>Records an event (with one value, such as the callee) and returns the key's events now in the window, this one included.</summary>
    int Add(TKey key, DateTimeOffset at, long value = 0);

    /// <summary>Events of the key within the window ending at <paramref name="at"/>.</summary>
    int Count(TKey key, DateTimeOffset at);

    /// <summary>Distinct values among the key's events within the window ending at <paramref name="at"/>.</summary>
    int DistinctValues(TKey key, DateTimeOffset at);
}
