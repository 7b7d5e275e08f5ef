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

    /// <summary>
    /// Records an event whose count no one waits for (an answered call, a flag): a shared store may send it later, in a
    /// batch with others, rather than make the caller wait for a round trip.
    /// </summary>
    void Record(TKey key, DateTimeOffset at, long value = 0) => Add(key, at, value);

    /// <summary>
    /// Records an event only while the key has fewer than <paramref name="limit"/> events in the window: the check and
    /// the add are one atomic step, whichever node asks, so that concurrent calls never admit more than the limit.
    /// Returns the reservation (to take back with <see cref="Release"/> if the call is refused after all), or null when
    /// the limit is reached and nothing was recorded.
    /// </summary>
    WindowReservation? TryReserve(TKey key, DateTimeOffset at, int limit, long value = 0);

    /// <summary>Takes back an event <see cref="TryReserve"/> recorded; one already gone from the window is no matter.</summary>
    void Release(TKey key, WindowReservation reservation);

    /// <summary>Events of the key within the window ending at <paramref name="at"/>.</summary>
    int Count(TKey key, DateTimeOffset at);

    /// <summary>Distinct values among the key's events within the window ending at <paramref name="at"/>.</summary>
    int DistinctValues(TKey key, DateTimeOffset at);
}
