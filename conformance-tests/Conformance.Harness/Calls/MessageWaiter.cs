namespace Conformance.Harness.Calls;

/// <summary>Keeps what arrived and lets a caller wait, with a bound on <paramref name="time"/>, for the first item that matches.</summary>
public sealed class MessageWaiter<T>(TimeProvider? time = null)
    where T : class
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private readonly object _gate = new();
    private readonly List<T> _arrived = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiting = [];

    public void Add(T item)
    {
        lock (_gate)
        {
            _arrived.Add(item);
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].Match(item))
                {
                    _waiting[i].Done.TrySetResult(item);
                    _waiting.RemoveAt(i);
                }
            }
        }
    }

    public IReadOnlyList<T> Where(Func<T, bool> match)
    {
        lock (_gate)
        {
            return _arrived.Where(match).ToList();
        }
    }

    /// <summary>The first matching item, already arrived or arriving within the timeout; null when none came.</summary>
    public async Task<T?> WaitAsync(Func<T, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<T> done;
        lock (_gate)
        {
            var existing = _arrived.FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiting.RemoveAll(w => w.Done == done);
            }

            return null;
        }
    }
}
