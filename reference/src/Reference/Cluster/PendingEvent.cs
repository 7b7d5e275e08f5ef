using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>One window event as the add (or flag) script takes it: sent at once, in a batch, or kept while Redis is away and sent later.</summary>
internal readonly record struct PendingEvent(RedisKey Key, long Micros, long From, int Capacity, string Member, long TtlMilliseconds, bool Flag = false)
{
    private string Script => Flag ? SharedCounterScripts.Flag : SharedCounterScripts.Add;

    public int Send(IDatabase database) => (int)database.ScriptEvaluate(Script, [Key], [Micros, From, Capacity, Member, TtlMilliseconds]);

    public Task<RedisResult> SendAsync(IDatabaseAsync database) => database.ScriptEvaluateAsync(Script, [Key], [Micros, From, Capacity, Member, TtlMilliseconds]);
}
