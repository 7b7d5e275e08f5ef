namespace Screening.Counters;

/// <summary>Counts in this process's memory: a lone node, the embedded default.</summary>
public sealed class InProcessEventWindows : IEventWindows
{
    public static InProcessEventWindows Instance { get; } = new();

    public IEventWindow<TKey> Open<TKey>(string name, TimeSpan window, int capacity)
        where TKey : notnull, IEquatable<TKey> => new SlidingWindowLog<TKey>(window, capacity);
}
