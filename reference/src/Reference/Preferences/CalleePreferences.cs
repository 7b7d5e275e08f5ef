using System.Collections.Concurrent;

namespace Reference.Preferences;

/// <summary>
/// Callees (national numbers) who chose to be warned rather than protected: calls from callers flagged by analytics
/// (one-ring) reach them labelled instead of being intercepted. Everyone else keeps interception, the default.
/// </summary>
public sealed class CalleePreferences
{
    private readonly ConcurrentDictionary<string, bool> _labelOnly = new(StringComparer.Ordinal);

    public void PreferLabels(string national) => _labelOnly[national] = true;

    public bool PrefersLabels(string national) => _labelOnly.ContainsKey(national);
}
