using System.Collections.Concurrent;
using Screening.Counters;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>Redis away and back: what the other nodes announce, the events counted meanwhile and their replay.</summary>
public sealed partial class RedisEventWindows
{
    /// <summary>A place given back on some node ("the key"): every instance of that window forgets the key as full.</summary>
    private void ReleasedElsewhere(RedisValue message)
    {
        var key = (string?)message ?? string.Empty;
        foreach (var (prefix, memory) in _full)
        {
            if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key[prefix.Length] == ':')
            {
                memory.Forget(key.AsSpan(prefix.Length + 1));
            }
        }
    }

    private void ForgetFullWindows()
    {
        foreach (var memory in _full.Values)
        {
            memory.ForgetAll();
        }
    }

    private void Announced(RedisValue message)
    {
        var parts = ((string?)message ?? string.Empty).Split('|');
        if (parts.Length >= 2)
        {
            var key = parts[0];
            var prefix = key[..Math.Max(0, key.LastIndexOf(':'))];
            if (_flags.TryGetValue(prefix, out var window))
            {
                window.Announced(key, parts[1]);
            }
        }
    }

    private void Resynchronise(RedisFlagWindow flags)
    {
        try
        {
            flags.Resynchronise(Database);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Health.LastError = ex.Message;
        }
    }

    internal void Succeeded()
    {
        Health.Operation();
        if (!_backlog.IsEmpty)
        {
            ReplaySoon();
        }
    }

    /// <summary>Redis failed one operation: it is answered locally and, for an event, queued for replay.</summary>
    internal void Failed(Exception ex, PendingEvent? pending)
    {
        Health.Fallback();
        Health.LastError = ex.Message;
        if (pending is { } queued)
        {
            Enqueue(queued);
        }

        // One line a second at most: under load every call would otherwise log the same outage.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastErrorLogged);
        if (now - last > 1000 && Interlocked.CompareExchange(ref _lastErrorLogged, now, last) == last)
        {
            _logger.LogWarning("Shared counters: Redis did not answer ({Error}); screening on this node's own counts (fail-open) until it does", ex.Message);
        }
    }

    internal void Skipped(PendingEvent? pending)
    {
        Health.Fallback();
        if (pending is { } queued)
        {
            Enqueue(queued);
        }
    }

    private void Enqueue(PendingEvent pending)
    {
        _backlog.Enqueue(pending);
        if (_backlog.Count > MaxBacklog && _backlog.TryDequeue(out _))
        {
            Health.LastError = $"more than {MaxBacklog} events counted during the outage: the oldest were not replayed";
        }

        Health.Backlog = _backlog.Count;
    }

    private void Lost(string why)
    {
        if (Health.Connected || Health.LastError is null)
        {
            _logger.LogWarning("Shared counters: Redis {Backend} is unreachable ({Why}); screening goes on with this node's own counts (fail-open; emergency calls never consult counters)", Health.Backend, why);
        }

        Health.Connected = false;
        Health.LastError = why;
        // Releases announced meanwhile are not heard, and Redis may come back without its data: ask it again.
        ForgetFullWindows();
    }

    private void Restored()
    {
        _logger.LogInformation("Shared counters: Redis {Backend} is back; replaying {Count} events counted meanwhile", Health.Backend, _backlog.Count);
        Health.Connected = true;
        ForgetFullWindows();
        ReplaySoon();
        // Flags announced while this node was away were not heard: read the ones standing.
        _ = Task.Run(() =>
        {
            foreach (var flags in _flags.Values)
            {
                Resynchronise(flags);
            }
        });
    }

    private void ReplaySoon()
    {
        if (Interlocked.CompareExchange(ref _replaying, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var replayed = 0;
                var failures = 0;
                // A connection just restored may still time out its first commands: retried for a while, then left to
                // the next operation that succeeds.
                while (_redis.IsConnected && failures < 50 && _backlog.TryPeek(out var pending))
                {
                    try
                    {
                        pending.Send(Database);
                    }
                    catch (Exception ex) when (ex is RedisException or TimeoutException)
                    {
                        Health.LastError = ex.Message;
                        failures++;
                        await Task.Delay(200);
                        continue;
                    }

                    _backlog.TryDequeue(out _);
                    replayed++;
                }

                Health.Replay(replayed);
                Health.Backlog = _backlog.Count;
            }
            finally
            {
                Volatile.Write(ref _replaying, 0);
            }
        });
    }
}
