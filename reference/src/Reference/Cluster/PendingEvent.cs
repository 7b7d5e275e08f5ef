using StackExchange.Redis;

namespace Reference.Cluster;

/// <summary>
/// One window event as a script takes it (an add, a flag, or a reservation given back): sent at once, carried ahead of
/// the next check and reserve, or kept while Redis is away and sent later.
/// </summary>
internal readonly record struct PendingEvent(RedisKey Key, long Micros, long From, int Capacity, string Member, long TtlMilliseconds, PendingKind Kind = PendingKind.Add)
{
    private static readonly string AddSha = RespConnection.Sha(SharedCounterScripts.Add);
    private static readonly string FlagSha = RespConnection.Sha(SharedCounterScripts.Flag);
    private static readonly string ReleaseSha = RespConnection.Sha(SharedCounterScripts.Release);

    /// <summary>The scripts a connection loads before it carries events.</summary>
    public static IReadOnlyList<string> Scripts { get; } = [SharedCounterScripts.Reserve, SharedCounterScripts.Add, SharedCounterScripts.Flag, SharedCounterScripts.Release];

    /// <summary>A reservation given back: its member removed from the key.</summary>
    public static PendingEvent Released(RedisKey key, string member) => new(key, 0, 0, 0, member, 0, PendingKind.Release);

    /// <summary>A flag window's index of flagged keys: its prefix (the hash tag) and ":index".</summary>
    public static RedisKey IndexOf(string key) => key[..key.LastIndexOf(':')] + ":index";

    private string Script => Kind switch
    {
        PendingKind.Flag => SharedCounterScripts.Flag,
        PendingKind.Release => SharedCounterScripts.Release,
        _ => SharedCounterScripts.Add,
    };

    public int Send(IDatabase database) => (int)(Kind == PendingKind.Release
        ? database.ScriptEvaluate(Script, [Key], [Member])
        : database.ScriptEvaluate(Script, Kind == PendingKind.Flag ? [Key, IndexOf(Key!)] : [Key], [Micros, From, Capacity, Member, TtlMilliseconds]));

    /// <summary>Writes the event's script call into <paramref name="connection"/>'s buffer, to go with the next send.</summary>
    public void WriteTo(RespConnection connection)
    {
        var key = (string)Key!;
        switch (Kind)
        {
            case PendingKind.Release:
                connection.Command(5).Bulk("EVALSHA").Bulk(ReleaseSha).Bulk(1).Bulk(key).Bulk(Member);
                return;
            case PendingKind.Flag:
                connection.Command(10).Bulk("EVALSHA").Bulk(FlagSha).Bulk(2).Bulk(key).Bulk((string)IndexOf(key)!);
                break;
            default:
                connection.Command(9).Bulk("EVALSHA").Bulk(AddSha).Bulk(1).Bulk(key);
                break;
        }

        connection.Bulk(Micros).Bulk(From).Bulk(Capacity).Bulk(Member).Bulk(TtlMilliseconds);
    }
}
