using System.Collections.Concurrent;

namespace Reference.Portal;

/// <summary>
/// Counts the public forms posted from each source address in fixed windows on the node's clock; a form past the
/// limit is refused 429 with Retry-After and nothing it asked is done.
/// </summary>
public sealed class FormRateLimiter(PortalOptions options, TimeProvider time)
{
    private const int PruneAbove = 100_000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Null when the form may go ahead (and is counted); otherwise how long until the address may post again.</summary>
    public TimeSpan? Take(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_windows.Count > PruneAbove)
            {
                foreach (var (key, window) in _windows)
                {
                    if (now - window.Start >= options.Window)
                    {
                        _windows.TryRemove(key, out _);
                    }
                }
            }

            (DateTimeOffset Start, int Count) current = _windows.TryGetValue(address, out var found) && now >= found.Start && now - found.Start < options.Window ? found : (now, 0);
            if (current.Count >= options.FormsPerAddress)
            {
                return current.Start + options.Window - now;
            }

            _windows[address] = (current.Start, current.Count + 1);
            return null;
        }
    }
}
