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
public sealed partial class RedisEventWindows : IEventWindows, IDisposable
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

    /// <summary>The shards that hold slots now (1 unless Redis is a cluster), for operators and tests.</summary>
    public int Shards => _shards.Count;

    /// <summary>A unique tag per event, so that two events at the same microsecond stay two members.</summary>
    internal string Tag() => $"{_node}{Interlocked.Increment(ref _sequence)}";

    internal bool Usable => Health.Connected && _redis.IsConnected;
}
