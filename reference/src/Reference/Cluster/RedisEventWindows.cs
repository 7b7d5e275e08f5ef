using System.Collections.Concurrent;
using Screening.Counters;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>
/// The rate rules' windows in Redis, shared by every node configured with the same Cluster:Redis. Every window also
/// counts in this node's memory: when Redis cannot be reached the node screens from those local counts (fail-open,
/// said in /metrics and the log), queues what it counted, and replays the queue once Redis answers again. The
/// connection reconnects on its own.
/// </summary>
public sealed class RedisEventWindows : IEventWindows, IDisposable
{
    /// <summary>Events kept for replay during one outage; past it the oldest are dropped (and the outage said so).</summary>
    public const int MaxBacklog = 100_000;

    private readonly ConnectionMultiplexer _redis;
    private ILogger _logger;
    private readonly ConcurrentQueue<PendingEvent> _backlog = new();
    private readonly ConcurrentQueue<PendingEvent> _outbox = new();
    private readonly ConcurrentDictionary<string, RedisFlagWindow> _flags = new(StringComparer.Ordinal);
    private int _flushing;
    // Idle blocking connections; a bag hands a thread back the one it used last, without tying one to every thread.
    private readonly ConcurrentBag<RespConnection> _direct = [];
    private System.Net.EndPoint? _endpoint;
    private string? _password;
    private readonly string _node = Guid.NewGuid().ToString("N")[..8];
    private long _sequence;
    private int _replaying;
    private long _lastErrorLogged;

    private RedisEventWindows(ConnectionMultiplexer redis, string endpoint, ILogger logger)
    {
        _redis = redis;
        _logger = logger;
        Health = new SharedCounterHealth { Backend = $"redis {endpoint}", Shared = true, Connected = redis.IsConnected };
        _redis.ConnectionFailed += (_, e) => Lost(e.Exception?.Message ?? e.FailureType.ToString());
        _redis.ConnectionRestored += (_, _) => Restored();
        _redis.GetSubscriber().Subscribe(RedisChannel.Literal(SharedCounterScripts.FlagChannel), (_, message) => Announced(message));
    }

    public SharedCounterHealth Health { get; }

    /// <summary>The node's log, once the host is built (the windows are opened before it is).</summary>
    public ILogger Logger
    {
        set
        {
            _logger = value;
            if (!Health.Connected)
            {
                _logger.LogWarning("Shared counters: Redis {Backend} is unreachable ({Why}); screening goes on with this node's own counts (fail-open; emergency calls never consult counters)", Health.Backend, Health.LastError);
            }
        }
    }

    /// <summary>The Redis database the windows live in (for inspection by operators and tests).</summary>
    public IDatabase Database => _redis.GetDatabase();

    /// <summary>Connects to <paramref name="endpoint"/> ("127.0.0.1:6379"); a node starts even while Redis is down, on local counts.</summary>
    public static RedisEventWindows Connect(string endpoint, ILogger logger)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(endpoint);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Cluster:Redis is not a Redis endpoint such as \"127.0.0.1:6379\": {ex.Message}", ex);
        }

        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 1000;
        // A screened call waits on Redis at most this long before it is screened on local counts.
        options.SyncTimeout = 250;
        options.AsyncTimeout = 250;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName = "reference-node";
        var windows = new RedisEventWindows(ConnectionMultiplexer.Connect(options), endpoint, logger)
        {
            _endpoint = options.EndPoints[0],
            _password = options.Password,
        };
        if (!windows.Health.Connected)
        {
            windows.Lost($"cannot connect to {endpoint}");
        }

        return windows;
    }

    public IEventWindow<TKey> Open<TKey>(string name, TimeSpan window, int capacity)
        where TKey : notnull, IEquatable<TKey> =>
        new RedisEventWindow<TKey>(this, $"rc:{name}:{window.Ticks / TimeSpan.TicksPerSecond}", window, capacity);

    public IEventWindow<long> OpenFlags(string name, TimeSpan window)
    {
        var flags = _flags.GetOrAdd($"rc:{name}:{window.Ticks / TimeSpan.TicksPerSecond}", prefix => new RedisFlagWindow(this, prefix, window));
        if (Usable)
        {
            Resynchronise(flags);
        }

        return flags;
    }

    public void Dispose()
    {
        while (_direct.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _redis.Dispose();
    }

    /// <summary>
    /// Runs a script whose answer the calling thread waits on, over a blocking connection it holds for the call (an
    /// idle one, or a new one), returned afterwards; one that failed is closed, so that the next call opens a fresh one.
    /// </summary>
    internal long Evaluate(string script, string sha, string key, ReadOnlySpan<string> values)
    {
        _direct.TryTake(out var connection);
        try
        {
            connection ??= new RespConnection(_endpoint!, _password, 250);
            var answer = connection.EvalSha(script, sha, key, values);
            _direct.Add(connection);
            return answer;
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends an event no one waits on: queued, and sent with whatever else is queued as one pipelined batch, so that
    /// a busy node makes one write to Redis for many calls. While Redis is away it goes to the replay backlog.
    /// </summary>
    internal void SendLater(PendingEvent pending)
    {
        if (!Usable)
        {
            Skipped(pending);
            return;
        }

        _outbox.Enqueue(pending);
        Flush();
    }

    /// <summary>
    /// Whoever finds no flush under way sends everything queued as one batch, on its own thread: writing a batch does not
    /// wait for Redis, and the replies are looked at only when one fails. Events queued meanwhile by other threads go in
    /// the same batch or the next.
    /// </summary>
    private void Flush()
    {
        while (!_outbox.IsEmpty && Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            try
            {
                var batch = Database.CreateBatch();
                var sent = 0;
                while (sent < 1000 && _outbox.TryDequeue(out var pending))
                {
                    var queued = pending;
                    pending.SendAsync(batch).ContinueWith(
                        task => Sent(task, queued), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    sent++;
                }

                batch.Execute();
            }
            finally
            {
                Volatile.Write(ref _flushing, 0);
            }
        }
    }

    private void Sent(Task task, PendingEvent pending)
    {
        var ex = task.Exception?.InnerException;
        if (ex is RedisException or TimeoutException)
        {
            Failed(ex, pending);
        }
        else if (ex is null)
        {
            Health.Operation();
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

    /// <summary>A unique tag per event, so that two events at the same microsecond stay two members.</summary>
    internal string Tag() => $"{_node}{Interlocked.Increment(ref _sequence)}";

    internal bool Usable => Health.Connected && _redis.IsConnected;

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
    }

    private void Restored()
    {
        _logger.LogInformation("Shared counters: Redis {Backend} is back; replaying {Count} events counted meanwhile", Health.Backend, _backlog.Count);
        Health.Connected = true;
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
