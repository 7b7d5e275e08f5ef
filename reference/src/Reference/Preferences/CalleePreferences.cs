using System.Collections.Concurrent;
using Reference.Storage;

namespace Reference.Preferences;

/// <summary>
/// Callees (national numbers) who chose to be warned rather than protected: calls from callers flagged by analytics
/// (one-ring) reach them labelled instead of being intercepted. Everyone else keeps interception, the default.
/// Choices are written to the store before they take effect, and read back from it when the node starts.
/// </summary>
public sealed class CalleePreferences
{
    private readonly ConcurrentDictionary<string, bool> _labelOnly = new(StringComparer.Ordinal);
    private readonly IDirectoryStore _store;

    public CalleePreferences()
        : this(MemoryOnlyStore.Instance)
    {
    }

    public CalleePreferences(IDirectoryStore store)
    {
        _store = store;
        foreach (var number in store.LabelOnlyCallees())
        {
            _labelOnly[number] = true;
        }
    }

    public void PreferLabels(string national) => PreferLabels([national]);

    /// <summary>All of the numbers, kept in one write, or none (a <see cref="StorageException"/>).</summary>
    public void PreferLabels(IReadOnlyList<string> nationals)
    {
        _store.AddLabelOnlyCallees(nationals);
        foreach (var national in nationals)
        {
            _labelOnly[national] = true;
        }
    }

    /// <summary>Choices another node kept in the shared store: memory only, nothing written back.</summary>
    public void Merge(IEnumerable<string> nationals)
    {
        foreach (var national in nationals)
        {
            _labelOnly[national] = true;
        }
    }

    public bool PrefersLabels(string national) => _labelOnly.ContainsKey(national);
}
