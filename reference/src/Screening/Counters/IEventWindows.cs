namespace Screening.Counters;

/// <summary>
/// Where the rate rules keep their counts. A rule opens each window it needs once, by a name that is the same on
/// every node (the rule's id and what it counts), so that nodes sharing a backing store share the counts.
/// </summary>
public interface IEventWindows
{
    /// <param name="name">Stable across nodes and restarts, such as "bombing" or "one-ring:answers".</param>
    /// <param name="capacity">Events kept per key: the most a rule ever needs to see in one window.</param>
    IEventWindow<TKey> Open<TKey>(string name, TimeSpan window, int capacity)
        where TKey : notnull, IEquatable<TKey>;

    /// <summary>
    /// A window read on every call but written rarely, such as a flag that stops a caller: a shared store keeps every
    /// node's memory current with it as it changes, so that reading it never waits on the network. Keys are numbers.
    /// </summary>
    IEventWindow<long> OpenFlags(string name, TimeSpan window) => Open<long>(name, window, 1);
}
