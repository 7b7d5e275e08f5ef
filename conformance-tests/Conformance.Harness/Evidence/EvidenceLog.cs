using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Conformance.Harness.Evidence;

/// <summary>
/// What one scenario saw and did, with timestamps to the microsecond: the proof behind its verdict. Entries are listed
/// in the order they happened, not the order they were recorded, because the callee side's arrivals are added when the
/// scenario ends. Every message on the wire is also kept as a <see cref="WireRecord"/>, so that a capture can be built.
/// </summary>
public sealed class EvidenceLog(TimeProvider time)
{
    private readonly ConcurrentQueue<(DateTimeOffset At, long Order, string Text)> _entries = new();
    private readonly ConcurrentQueue<WireRecord> _wire = new();
    private readonly ConcurrentDictionary<IPEndPoint, string> _names = new();
    private long _order;

    public void Record(string kind, string text) => Add(time.GetUtcNow(), kind, text);

    /// <summary>Names an address in the evidence ("access realm", "suite callee"), so that each message says where it went.</summary>
    public void Name(IPEndPoint endpoint, string name) => _names[endpoint] = name;

    /// <summary>Keeps a message that crossed the wire, and prints it among the entries at the time it crossed.</summary>
    public void RecordWire(WireRecord record)
    {
        _wire.Enqueue(record);
        var connection = record.Connection > 0 ? string.Create(CultureInfo.InvariantCulture, $" connection {record.Connection}") : string.Empty;
        var note = record.Note.Length > 0 ? $" ({record.Note})" : string.Empty;
        Add(record.At,
            $"{Describe(record.Source)} → {Describe(record.Destination)} over {record.Transport}{connection}, {record.Bytes.Length} bytes{note}: {WireText.FirstLine(record.Bytes)}",
            WireText.Printable(record.Bytes));
    }

    public string Describe(IPEndPoint endpoint) => _names.TryGetValue(endpoint, out var name) ? $"{name} {endpoint}" : endpoint.ToString();

    public IReadOnlyList<string> Entries =>
        [.. _entries.OrderBy(e => e.At).ThenBy(e => e.Order).Select(e => e.Text)];

    /// <summary>Every message on the wire, in the order it crossed.</summary>
    public IReadOnlyList<WireRecord> Wire => [.. _wire.OrderBy(w => w.At)];

    private void Add(DateTimeOffset at, string kind, string text) =>
        _entries.Enqueue((at, Interlocked.Increment(ref _order),
            $"{at.UtcDateTime.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture)} {kind}\n{text.TrimEnd()}"));
}
