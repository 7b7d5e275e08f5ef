using System.Collections.Concurrent;

namespace Reference.Access;

/// <summary>
/// Counts public reports per reporter and per source address in fixed windows on the node's clock. A report is
/// counted against both only when both allow it, so a refused one costs the reporter nothing.
/// </summary>
public sealed class ReportRateLimiter(ReportLimits limits, TimeProvider time)
{
    private const int PruneAbove = 100_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public ReportLimits Limits => limits;

    /// <summary>Null when the report may go ahead (and is counted); otherwise how long until it may, and which limit refused it.</summary>
    public (TimeSpan RetryAfter, string Limit)? Take(string reporter, string address)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            // Many sources at once (a botnet) grow the table; a sweep at most every tenth of a window drops lapsed windows
            // without making each request walk it.
            if (_windows.Count > PruneAbove && now >= _nextPrune)
            {
                _nextPrune = now + (limits.Window / 10);
                foreach (var (key, window) in _windows)
                {
                    if (now - window.Start >= limits.Window)
                    {
                        _windows.TryRemove(key, out _);
                    }
                }
            }

            var byReporter = Current("reporter:" + reporter, now);
            var byAddress = Current("address:" + address, now);
            if (byReporter.Count >= limits.PerReporter)
            {
                return (byReporter.Start + limits.Window - now, "reporter");
            }

            if (byAddress.Count >= limits.PerAddress)
            {
                return (byAddress.Start + limits.Window - now, "address");
            }

            _windows["reporter:" + reporter] = byReporter with { Count = byReporter.Count + 1 };
            _windows["address:" + address] = byAddress with { Count = byAddress.Count + 1 };
            return null;
        }
    }

    private Window Current(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var window) && now - window.Start < limits.Window && now >= window.Start ? window : new Window(now, 0);

    private sealed record Window(DateTimeOffset Start, int Count);
}
