namespace Reference.Cluster;

/// <summary>
/// Whether the node's rate-rule counters are the cluster's (Redis) or, Redis being unreachable, its own: the policy is
/// fail-open (screening goes on with what this node counted itself, and what it counted meanwhile is sent to Redis once
/// it is back). Emergency calls never reach the counters at all. Read by /metrics.
/// </summary>
public sealed class SharedCounterHealth
{
    private long _fallbacks;
    private long _replayed;
    private long _operations;
    private long _refusedFromMemory;

    /// <summary>"redis 127.0.0.1:6379" or "in-process".</summary>
    public required string Backend { get; init; }

    public bool Shared { get; init; }

    /// <summary>True while counters are read from and written to Redis; false while the node counts on its own.</summary>
    public bool Connected { get; internal set; }

    /// <summary>Counter operations answered from local memory because Redis could not be reached.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Counter operations Redis answered.</summary>
    public long Operations => Interlocked.Read(ref _operations);

    /// <summary>
    /// Reservations refused from this node's memory of full windows, with no round trip to Redis: the window was full
    /// when Redis last answered for the key, and no event has left it nor a place been given back since.
    /// </summary>
    public long RefusedFromMemoryCount => Interlocked.Read(ref _refusedFromMemory);

    /// <summary>Events counted locally during an outage and sent to Redis once it was back.</summary>
    public long Replayed => Interlocked.Read(ref _replayed);

    /// <summary>Events counted locally and waiting for Redis.</summary>
    public int Backlog { get; internal set; }

    public string? LastError { get; internal set; }

    public static SharedCounterHealth InProcess { get; } = new() { Backend = "in-process", Shared = false, Connected = true };

    internal void Fallback() => Interlocked.Increment(ref _fallbacks);

    internal void RefusedFromMemory() => Interlocked.Increment(ref _refusedFromMemory);

    internal void Operation() => Interlocked.Increment(ref _operations);

    internal void Replay(int count) => Interlocked.Add(ref _replayed, count);
}
