using System.Collections.Concurrent;
using System.Globalization;

namespace Conformance.Harness.Evidence;

/// <summary>What one scenario saw and did, in order, with timestamps: the proof behind its verdict.</summary>
public sealed class EvidenceLog(TimeProvider time)
{
    private readonly ConcurrentQueue<string> _entries = new();

    public void Record(string kind, string text) =>
        _entries.Enqueue($"{time.GetUtcNow().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {kind}\n{text.TrimEnd()}");

    public IReadOnlyList<string> Entries => _entries.ToArray();
}
