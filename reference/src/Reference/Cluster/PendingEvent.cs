using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>One window event as the add (or flag) script takes it: sent at once, in a batch, or kept while Redis is away and sent later.</summary>
internal readonly record struct PendingEvent(RedisKey Key, long Micros, long From, int Capacity, string Member, long TtlMilliseconds, bool Flag = false)
{
    private string Script => Flag ? SharedCounterScripts.Flag : SharedCounterScripts.Add;

    private RedisKey[] Keys => Flag ? [Key, IndexOf(Key!)] : [Key];

    /// <summary>A flag window's index of flagged keys: its prefix and ":index".</summary>
    public static RedisKey IndexOf(string key) => key[..key.LastIndexOf(':')] + ":index";

    public int Send(IDatabase database) => (int)database.ScriptEvaluate(Script, Keys, [Micros, From, Capacity, Member, TtlMilliseconds]);

    public Task<RedisResult> SendAsync(IDatabaseAsync database) => database.ScriptEvaluateAsync(Script, Keys, [Micros, From, Capacity, Member, TtlMilliseconds]);
}
