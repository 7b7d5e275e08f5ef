using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>One window event as the add script takes it: sent at once, or kept while Redis is away and sent later.</summary>
internal readonly record struct PendingEvent(RedisKey Key, long Micros, long From, int Capacity, string Member, long TtlMilliseconds)
{
    public int Send(IDatabase database) => (int)database.ScriptEvaluate(
        SharedCounterScripts.Add,
        [Key],
        [Micros, From, Capacity, Member, TtlMilliseconds]);
}
