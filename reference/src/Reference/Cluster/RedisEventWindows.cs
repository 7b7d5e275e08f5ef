using System.Collections.Concurrent;
using Screening.Counters;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>
/// The rate rules' windows in Redis, shared by every node configured with the same Cluster:Redis. Every window also
/// counts in this node's memory: when Redis cannot be reached the node screens from those local counts (fail-open,
/// said in /metrics and the log), queues what it counted, and replays the queue once Redis answers again. The
/// connection reconnects on its own.
/// A screening thread's check and reserve goes over a blocking connection of its own (<see cref="RespConnection"/>),
/// carrying ahead of it the events no call waits on (answers, flags, places given back) queued since the last round
/// trip; a timer sends what no round trip took within <see cref="FlushInterval"/>.
/// </summary>
public sealed class RedisEventWindows : IEventWindows, IDisposable
{
    /// <summary>Events kept for replay during one outage; past it the oldest are dropped (and the outage said so).</summary>
    public const int MaxBacklog = 100_000;

    /// <summary>How long an event no call waits on may stay queued when no reservation carries it.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Events one round trip carries at most.</summary>
    private const int MaxCarried = 256;

    private readonly ConnectionMultiplexer _redis;
    private ILogger _logger;
    private readonly ConcurrentQueue<PendingEvent> _backlog = new();
    private readonly ConcurrentDictionary<string, RedisFlagWindow> _flags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IFullWindowMemory> _full = new(StringComparer.Ordinal);
    private static readonly string ReserveSha = RespConnection.Sha(SharedCounterScripts.Reserve);
    private readonly Timer _flushTimer;
    private int _queued;
    private int _timerArmed;
    private int _flushing;
    // Per shard: idle blocking connections and queued events (one shard unless Redis is a cluster).
    private RedisShards _shards = null!;
    private string? _password;
    private int _timeoutMilliseconds = DefaultTimeoutMilliseconds;
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
        Subscribe(SharedCounterScripts.FlagChannel, Announced);
        Subscribe(SharedCounterScripts.ReleasedChannel, ReleasedElsewhere);
        // Armed only while something waits, so that an idle node is not woken 50 times a second for nothing.
        _flushTimer = new Timer(_ => TimerFlush(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public SharedCounterHealth Health { get; }

    /// <summary>
    /// Subscribes to one channel of the cluster's announcements. The multiplexer registers the handler before it sends
    /// SUBSCRIBE, and sends it again on every reconnection; a reply that comes later than the node's Redis time-out
    /// (a busy machine at start: the reply sits in the socket while the thread pool is busy) means only that the node
    /// did not wait for it, so it is logged and the node starts, rather than failing its start on a slow answer.
    /// </summary>
    private void Subscribe(string channel, Action<RedisValue> handler)
    {
        try
        {
            _redis.GetSubscriber().Subscribe(RedisChannel.Literal(channel), (_, message) => handler(message));
        }
        catch (RedisTimeoutException ex)
        {
            _logger.LogWarning("Shared counters: SUBSCRIBE {Channel} was not answered in time ({Why}); the subscription stands and is confirmed when Redis answers", channel, ex.Message);
        }
    }

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

    /// <summary>
    /// How long a screened call waits on Redis, by default, before it is screened on this node's own counts
    /// (Cluster:RedisTimeoutMs).
    /// </summary>
    public const int DefaultTimeoutMilliseconds = 250;

    /// <summary>
    /// Connects to <paramref name="endpoint"/> ("127.0.0.1:6379"); a node starts even while Redis is down, on local
    /// counts. <paramref name="timeoutMilliseconds"/> bounds every wait on Redis, the screening thread's round trip and
    /// the multiplexer's commands alike; it overrides any time-out the endpoint string names.
    /// </summary>
    public static RedisEventWindows Connect(string endpoint, ILogger logger, int timeoutMilliseconds = DefaultTimeoutMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMilliseconds);
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
        options.SyncTimeout = timeoutMilliseconds;
        options.AsyncTimeout = timeoutMilliseconds;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName = "reference-node";
        var windows = new RedisEventWindows(ConnectionMultiplexer.Connect(options), endpoint, logger)
        {
            _password = options.Password,
            _timeoutMilliseconds = timeoutMilliseconds,
        };
        windows._shards = new RedisShards(windows._redis, options.EndPoints[0]);
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
        // The prefix is a hash tag: a flag's key and the window's index of flags go to one script, so on a sharded Redis
        // they must lie in one slot, the tag's.
        var flags = _flags.GetOrAdd(FlagPrefix(name, window), prefix => new RedisFlagWindow(this, prefix, window));
        if (Usable)
        {
            Resynchronise(flags);
        }

        return flags;
    }

    /// <summary>The prefix of a flag window's keys: its name in braces, the hash tag a sharded Redis places its keys by.</summary>
    public static string FlagPrefix(string name, TimeSpan window) => $"{{rc:{name}:{window.Ticks / TimeSpan.TicksPerSecond}}}";

    public void Dispose()
    {
        _flushTimer.Dispose();
        foreach (var shard in _shards.All)
        {
            shard.Close();
        }

        _redis.Dispose();
    }

    /// <summary>The memory of full keys every instance of the window named <paramref name="prefix"/> shares.</summary>
    internal FullWindowMemory<TKey> FullWindowsOf<TKey>(string prefix)
        where TKey : notnull, IEquatable<TKey> =>
        (FullWindowMemory<TKey>)_full.GetOrAdd(prefix, _ => new FullWindowMemory<TKey>());

    /// <summary>
    /// The check and reserve a screening thread waits on, over a blocking connection it holds for the call (an idle one,
    /// or a new one), with the events queued since the last round trip written ahead of it in the same send. A connection
    /// that failed is closed, so that the next call opens a fresh one; events whose reply did not come go to the backlog.
    /// </summary>
    internal RespReply Reserve(PendingEvent reservation, int limit)
    {
        var shard = _shards.Of(reservation.Key);
        shard.Idle.TryTake(out var connection);
        var carried = new List<PendingEvent>();
        try
        {
            connection ??= Connect(shard);
            Take(shard, carried, MaxCarried);
            foreach (var pending in carried)
            {
                pending.WriteTo(connection);
            }

            connection.Command(10).Bulk("EVALSHA").Bulk(ReserveSha).Bulk(1).Bulk((string)reservation.Key!)
                .Bulk(reservation.Micros).Bulk(reservation.From).Bulk(reservation.Capacity).Bulk(reservation.Member)
                .Bulk(reservation.TtlMilliseconds).Bulk(limit);
            connection.Send();
            Acknowledge(connection, carried);
            var answer = connection.Read();
            if (answer.Error is { } error)
            {
                Moved(error);
                throw new IOException($"Redis refused the reservation: {error}");
            }

            shard.Idle.Add(connection);
            return answer;
        }
        catch (Exception ex)
        {
            connection?.Dispose();
            Unsent(ex, carried);
            throw;
        }
    }

    /// <summary>
    /// Queues an event no one waits on: it goes ahead of the next reservation, or with the timer's flush, whichever comes
    /// first. An urgent one (a flag, which stops a caller on every node) is flushed at once on a pool thread. While Redis
    /// is away, or events counted during an outage still wait for replay, it goes behind them.
    /// </summary>
    internal void SendLater(PendingEvent pending, bool urgent = false)
    {
        if (!Usable)
        {
            Skipped(pending);
            return;
        }

        if (!_backlog.IsEmpty)
        {
            Enqueue(pending);
            ReplaySoon();
            return;
        }

        _shards.Of(pending.Key).Outbox.Enqueue(pending);
        if (Interlocked.Increment(ref _queued) >= MaxCarried || urgent)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => FlushQueued(), null);
        }
        else if (Interlocked.CompareExchange(ref _timerArmed, 1, 0) == 0)
        {
            try
            {
                _flushTimer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The node is stopping: what is queued goes nowhere, as an unanswered event always might.
            }
        }
    }

    /// <summary>Disarmed before it flushes: an event queued from here on arms it again.</summary>
    private void TimerFlush()
    {
        Volatile.Write(ref _timerArmed, 0);
        FlushQueued();
    }

    /// <summary>
    /// Sends whatever is queued, in batches, each to its shard, on this thread; one flush at a time. The queues are looked
    /// at again after the flush lets go, so an event queued while another thread flushed (whose own flush found the gate
    /// shut) is never left behind.
    /// </summary>
    private void FlushQueued()
    {
        while (AnyQueued() && Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            try
            {
                foreach (var shard in _shards.All)
                {
                    Flush(shard);
                }
            }
            finally
            {
                Volatile.Write(ref _flushing, 0);
            }
        }
    }

    private bool AnyQueued()
    {
        foreach (var shard in _shards.All)
        {
            if (!shard.Outbox.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One batch of the shard's queue over one of its connections.</summary>
    private void Flush(RedisShard shard)
    {
        if (shard.Outbox.IsEmpty)
        {
            return;
        }

        var carried = new List<PendingEvent>();
        RespConnection? connection = null;
        try
        {
            if (!Usable)
            {
                Take(shard, carried, int.MaxValue);
                foreach (var pending in carried)
                {
                    Enqueue(pending);
                }

                return;
            }

            shard.Idle.TryTake(out connection);
            connection ??= Connect(shard);
            Take(shard, carried, 4 * MaxCarried);
            foreach (var pending in carried)
            {
                pending.WriteTo(connection);
            }

            connection.Send();
            Acknowledge(connection, carried);
            shard.Idle.Add(connection);
        }
#pragma warning disable CA1031 // Boundary: a timer's flush must not take the process down; what it carried is queued for replay.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            connection?.Dispose();
            Unsent(ex, carried);
        }
    }

    private RespConnection Connect(RedisShard shard) => new(shard.EndPoint, _password, _timeoutMilliseconds, PendingEvent.Scripts);

    private void Take(RedisShard shard, List<PendingEvent> into, int most)
    {
        var before = into.Count;
        while (into.Count < most && shard.Outbox.TryDequeue(out var pending))
        {
            into.Add(pending);
        }

        Interlocked.Add(ref _queued, before - into.Count);
    }

    /// <summary>A server answered that a key's slot is another's: the cluster's slots are read again for the next batches.</summary>
    private void Moved(string error)
    {
        if (error.StartsWith("MOVED", StringComparison.Ordinal) || error.StartsWith("ASK", StringComparison.Ordinal))
        {
            _shards.Refresh();
        }
    }

    /// <summary>The shards that hold slots now (1 unless Redis is a cluster), for operators and tests.</summary>
    public int Shards => _shards.Count;

    /// <summary>Reads the carried events' replies, in order; each read is taken off the list, so that what is left was not acknowledged.</summary>
    private void Acknowledge(RespConnection connection, List<PendingEvent> carried)
    {
        var read = 0;
        try
        {
            for (; read < carried.Count; read++)
            {
                if (connection.Read().Error is { } error)
                {
                    Moved(error);
                    // The server answered, but refused the script: kept for replay, which goes through the multiplexer's own loading.
                    Failed(new IOException($"Redis refused a queued event: {error}"), carried[read]);
                }
                else
                {
                    Health.Operation();
                }
            }
        }
        finally
        {
            carried.RemoveRange(0, read);
        }
    }

    private void Unsent(Exception ex, List<PendingEvent> carried)
    {
        foreach (var pending in carried)
        {
            Failed(ex, pending);
        }

        carried.Clear();
    }

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
