using Reference.Cluster;
using Screening.Counters;

namespace Cluster.Tests;

/// <summary>
/// Two nodes' counters on one Redis, each with the same one-ring flag window open, and a flag raised on node a that
/// node b has heard of: where the flag tests start. Disposing closes both nodes' connections.
/// </summary>
public sealed class TwoNodeFlags : IDisposable
{
    public const string Window = "test:flags";
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(10);

    private TwoNodeFlags(RedisEventWindows a, RedisEventWindows b)
    {
        A = a;
        B = b;
        OnA = a.OpenFlags(Window, Length);
        OnB = b.OpenFlags(Window, Length);
    }

    public RedisEventWindows A { get; }

    public RedisEventWindows B { get; }

    public IEventWindow<long> OnA { get; }

    public IEventWindow<long> OnB { get; }

    /// <summary>Opens the window on both nodes, raises <paramref name="caller"/>'s flag on a at <paramref name="at"/>, and waits until b holds it.</summary>
    public static async Task<TwoNodeFlags> RaisedOnAAsync(Func<RedisEventWindows> node, long caller, DateTimeOffset at)
    {
        var flags = new TwoNodeFlags(node(), node());
        try
        {
            flags.OnA.Record(caller, at);
            await Poll.Eventually(() => flags.OnB.Count(caller, at.AddSeconds(1)) == 1, TimeSpan.FromSeconds(15),
                () => $"node b hears of the flag raised on node a (node a: {flags.A.Health.LastError ?? "no error"})");
            return flags;
        }
        catch
        {
            flags.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
