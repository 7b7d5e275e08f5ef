using System.Collections.Concurrent;

namespace Reference.Access;

/// <summary>
/// Counts public reports per reporter and per source address in fixed windows on the node's clock. A report is
/// counted against both only when both allow it, so a refused one costs the reporter nothing. The per-reporter windows
/// outlive a restart: they start from the reports the store keeps (<see cref="IReportHistory"/>), each accepted report
/// being written there before it is answered; a window rebuilt so starts no earlier and counts no fewer than the one
/// lost, so a restart never lets a reporter past its limit. Per-address windows are kept in memory only (addresses are
/// not stored with reports): a restart starts them afresh, letting an address at most one more window's worth.
/// </summary>
public sealed class ReportRateLimiter
{
    /// <summary>Every public reporter's name begins so, then the key's account or id (<see cref="Reporting.ReportIntakeApi.ReporterOf(ApiCaller)"/>).</summary>
    public const string PublicReporterPrefix = "account:";

    private const int PruneAbove = 100_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly ReportLimits _limits;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public ReportRateLimiter(ReportLimits limits, TimeProvider time, IReportHistory? history = null)
    {
        _limits = limits;
        _time = time;
        if (history is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var reporter in history.ReportsSince(now - _limits.Window, PublicReporterPrefix).GroupBy(r => r.Reporter, StringComparer.Ordinal))
        {
            _windows["reporter:" + reporter.Key] = new Window(reporter.Min(r => r.At), reporter.Count());
        }
    }

    public ReportLimits Limits => _limits;

    /// <summary>Null when the report may go ahead (and is counted); otherwise how long until it may, and which limit refused it.</summary>
    public (TimeSpan RetryAfter, string Limit)? Take(string reporter, string address)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            // Many sources at once (a botnet) grow the table; a sweep at most every tenth of a window drops lapsed windows
            // without making each request walk it.
            if (_windows.Count > PruneAbove && now >= _nextPrune)
            {
                _nextPrune = now + (_limits.Window / 10);
                foreach (var (key, window) in _windows)
                {
                    if (now - window.Start >= _limits.Window)
                    {
                        _windows.TryRemove(key, out _);
                    }
                }
            }

            var byReporter = Current("reporter:" + reporter, now);
            var byAddress = Current("address:" + address, now);
            if (byReporter.Count >= _limits.PerReporter)
            {
                return (byReporter.Start + _limits.Window - now, "reporter");
            }

            if (byAddress.Count >= _limits.PerAddress)
            {
                return (byAddress.Start + _limits.Window - now, "address");
            }

            _windows["reporter:" + reporter] = byReporter with { Count = byReporter.Count + 1 };
            _windows["address:" + address] = byAddress with { Count = byAddress.Count + 1 };
            return null;
        }
    }

    private Window Current(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var window) && now - window.Start < _limits.Window && now >= window.Start ? window : new Window(now, 0);

    private sealed record Window(DateTimeOffset Start, int Count);
}
