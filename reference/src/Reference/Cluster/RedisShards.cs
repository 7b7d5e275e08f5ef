using System.Collections.Concurrent;
using System.Net;
using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>
/// Which server holds each hash slot of a sharded Redis (Redis Cluster), as the multiplexer last read the cluster's
/// configuration; a Redis that is not a cluster is one shard holding every slot. Read again when a server answers
/// MOVED or ASK (the slots have moved); a shard that no longer holds any slot keeps its queue, whose events are then
/// refused with MOVED and replayed through the multiplexer, which follows the cluster itself.
/// </summary>
internal sealed class RedisShards
{
    private const int Slots = 16384;

    private readonly ConnectionMultiplexer _redis;
    private readonly RedisShard _first;
    private readonly ConcurrentDictionary<EndPoint, RedisShard> _known = new();
    // Null while the Redis is not a cluster (or its configuration is not known yet): every key to the first shard.
    private volatile RedisShard[]? _bySlot;

    public RedisShards(ConnectionMultiplexer redis, EndPoint first)
    {
        _redis = redis;
        _first = _known.GetOrAdd(first, endpoint => new RedisShard(endpoint));
        Refresh();
    }

    /// <summary>Every shard known so far, those that no longer hold slots included (their queues are still flushed).</summary>
    public ICollection<RedisShard> All => _known.Values;

    /// <summary>The shards that hold slots now.</summary>
    public int Count => _bySlot is { } map ? map.Distinct().Count() : 1;

    public RedisShard Of(RedisKey key) => _bySlot is { } map ? map[_redis.HashSlot(key)] : _first;

    /// <summary>Reads the cluster's slots from the multiplexer; left as it was when no connected server describes a cluster.</summary>
    public void Refresh()
    {
        foreach (var server in _redis.GetServers())
        {
            if (server is not { IsConnected: true, ServerType: ServerType.Cluster } || server.ClusterConfiguration is not { } configuration)
            {
                continue;
            }

            var map = new RedisShard[Slots];
            foreach (var node in configuration.Nodes)
            {
                if (node.IsReplica || node.EndPoint is null)
                {
                    continue;
                }

                var shard = _known.GetOrAdd(node.EndPoint, endpoint => new RedisShard(endpoint));
                foreach (var range in node.Slots)
                {
                    for (var slot = range.From; slot <= range.To; slot++)
                    {
                        map[slot] = shard;
                    }
                }
            }

            // Slots no server holds (a cluster being set up) go to the first shard, which answers MOVED or CLUSTERDOWN.
            for (var slot = 0; slot < Slots; slot++)
            {
                map[slot] ??= _first;
            }

            _bySlot = map;
            return;
        }
    }
}
