using System.Collections.Concurrent;
using System.Net;

namespace Reference.Cluster;

/// <summary>
/// One Redis server that holds hash slots (the only one, on a Redis that is not a cluster): the idle blocking
/// connections screening threads take for their round trips to it, and the events no call waits on queued for it.
/// Each batch goes to the shard that holds its keys, so a script never meets MOVED on a sharded Redis.
/// </summary>
internal sealed class RedisShard(EndPoint endpoint)
{
    public EndPoint EndPoint { get; } = endpoint;

    /// <summary>Idle connections; a bag hands a thread back the one it used last, without tying one to every thread.</summary>
    public ConcurrentBag<RespConnection> Idle { get; } = [];

    public ConcurrentQueue<PendingEvent> Outbox { get; } = new();

    public void Close()
    {
        while (Idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
