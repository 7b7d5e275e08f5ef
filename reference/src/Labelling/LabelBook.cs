using System.Collections.Concurrent;
using Labelling.Appeals;

namespace Labelling;

/// <summary>
/// Every number's reports, analytics flag and self-declaration, and the label they add up to. Reports label a
/// number only when at least <see cref="LabelParameters.Reporters"/> distinct reporters name the same category
/// within the window: a repeat by one reporter refreshes its time but counts once, which resists label poisoning.
/// An enterprise's declaration wins over reports (it is the holder speaking), reports over analytics. Clearing a
/// label (an appeal) forgets everything said about the number before that moment, so it stops showing at once.
/// Every change is written to the <see cref="ILabelJournal"/> first, in the number's turn (<see cref="NumberGates"/>),
/// and made in memory only once it is kept: memory and the journal change in the same order, and a write that fails
/// changes nothing. The turn is not the entry's monitor, which guards memory alone and is never held across a write: a
/// lookup waits for no commit, and a report awaiting its commit (<see cref="ReportAsync"/>) holds no thread.
/// </summary>
public sealed class LabelBook(LabelParameters parameters, ILabelJournal? journal = null)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly NumberGates _gates = new();

    public LabelParameters Parameters => parameters;

    internal ILabelJournal Journal { get; } = journal ?? NoLabelJournal.Instance;

    /// <summary>Numbers with anything on record (reports, a flag or a declaration).</summary>
    public int Count => _entries.Count;

    /// <summary>Those numbers, read as the book changes (no copy is taken): for counting labels, with <see cref="Lookup"/>.</summary>
    public IEnumerable<string> Numbers => _entries.Select(e => e.Key);

    public ReportOutcome Report(NumberReport report)
    {
        var entry = _entries.GetOrAdd(report.Number, _ => new Entry());
        var gate = _gates.For(report.Number);
        gate.Wait();
        try
        {
            Journal.Reported(report);
            lock (entry)
            {
                return Apply(entry, report);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// <see cref="Report"/>, awaiting the journal's write instead of blocking on it; answers what the report came to and
    /// the label it leaves, both told to the journal before the write (<see cref="ILabelJournal.ReportedAsync"/>).
    /// </summary>
    public async Task<ReportResult> ReportAsync(NumberReport report)
    {
        var entry = _entries.GetOrAdd(report.Number, _ => new Entry());
        var gate = _gates.For(report.Number);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Within the turn no other write of this node changes the entry, so what is foreseen here is what applying
            // the report below does (unless another node's record is replayed in between, which only a lookup would see).
            ReportResult foreseen;
            lock (entry)
            {
                foreseen = new ReportResult(Outcome(entry, report), Compute(report.Number, entry, report.At, report));
            }

            await Journal.ReportedAsync(report, foreseen).ConfigureAwait(false);
            lock (entry)
            {
                Apply(entry, report);
            }

            return foreseen;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Carrier analytics flag a number (the one-ring rule, or an operator's own system).</summary>
    public void Flag(string number, LabelCategory category, DateTimeOffset at)
    {
        var entry = _entries.GetOrAdd(number, _ => new Entry());
        if (!Flaggable(entry, at))
        {
            return;
        }

        var gate = _gates.For(number);
        gate.Wait();
        try
        {
            if (Flaggable(entry, at))
            {
                Journal.Flagged(number, category, at);
                lock (entry)
                {
                    entry.Analytics = (category, at);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// <see cref="Flag"/>, awaiting the journal's write instead of blocking on it: a flag raised on the call path
    /// (<c>OneRingAnalytics</c>) holds no signalling thread while it is kept.
    /// </summary>
    public async Task FlagAsync(string number, LabelCategory category, DateTimeOffset at)
    {
        var entry = _entries.GetOrAdd(number, _ => new Entry());
        if (!Flaggable(entry, at))
        {
            return;
        }

        var gate = _gates.For(number);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Flaggable(entry, at))
            {
                await Journal.FlaggedAsync(number, category, at).ConfigureAwait(false);
                lock (entry)
                {
                    entry.Analytics = (category, at);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Not flagged yet, and the flag's call came after the number's last clear: a clear forgets what was said before
    /// it, so a flag that reaches the book late (written again after the store refused it) for a call before an appeal
    /// cleared the number is not raised, as <see cref="Replay"/> and a restart would not raise it either.
    /// </summary>
    private static bool Flaggable(Entry entry, DateTimeOffset at)
    {
        lock (entry)
        {
            return entry.Analytics is null && at > entry.ClearedAt;
        }
    }

    /// <summary>An enterprise declares a number it holds (a delivery company, a taxi firm).</summary>
    public void Declare(string number, LabelCategory category, string enterprise, DateTimeOffset at) =>
        Declare([number], category, enterprise, at);

    /// <summary>One declaration of many numbers, kept whole or not at all.</summary>
    public void Declare(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at)
    {
        // Every number's turn is held across the one write, the gates taken in one order so that two declarations never
        // wait on each other; a lone clear or report holds one gate and waits for none.
        var (distinct, entries, gates) = DeclarationOf(numbers);
        var taken = 0;
        try
        {
            foreach (var gate in gates)
            {
                gate.Wait();
                taken++;
            }

            Journal.Declared(distinct, category, enterprise, at);
            SetDeclaration(entries, category, enterprise, at);
        }
        finally
        {
            ReleaseTaken(gates, taken);
        }
    }

    /// <summary><see cref="Declare(IReadOnlyList{string}, LabelCategory, string, DateTimeOffset)"/>, awaiting the journal's write instead of blocking on it.</summary>
    public async Task DeclareAsync(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at)
    {
        var (distinct, entries, gates) = DeclarationOf(numbers);
        var taken = 0;
        try
        {
            foreach (var gate in gates)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                taken++;
            }

            await Journal.DeclaredAsync(distinct, category, enterprise, at).ConfigureAwait(false);
            SetDeclaration(entries, category, enterprise, at);
        }
        finally
        {
            ReleaseTaken(gates, taken);
        }
    }

    private (List<string> Numbers, List<Entry> Entries, IReadOnlyList<SemaphoreSlim> Gates) DeclarationOf(IReadOnlyList<string> numbers)
    {
        var distinct = numbers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return (distinct, distinct.Select(n => _entries.GetOrAdd(n, _ => new Entry())).ToList(), _gates.For(distinct));
    }

    private static void SetDeclaration(List<Entry> entries, LabelCategory category, string enterprise, DateTimeOffset at)
    {
        foreach (var entry in entries)
        {
            lock (entry)
            {
                entry.Declaration = (category, enterprise, at);
            }
        }
    }

    private static void ReleaseTaken(IReadOnlyList<SemaphoreSlim> gates, int taken)
    {
        for (var i = taken - 1; i >= 0; i--)
        {
            gates[i].Release();
        }
    }

    /// <summary>
    /// Forgets everything said about the appeal's number up to its decision; later reports count afresh. The appeal
    /// is written with the clear, in one write.
    /// </summary>
    public void Clear(Appeal appeal)
    {
        var at = appeal.DecidedAt ?? throw new ArgumentException($"appeal {appeal.Id} is not decided, so it clears nothing", nameof(appeal));
        var entry = _entries.GetOrAdd(appeal.Number, _ => new Entry());
        var gate = _gates.For(appeal.Number);
        gate.Wait();
        try
        {
            Journal.Appealed(appeal, clearsLabel: true);
            lock (entry)
            {
                Apply(entry, at);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary><see cref="Clear"/>, awaiting the journal's write instead of blocking on it.</summary>
    public async Task ClearAsync(Appeal appeal)
    {
        var at = appeal.DecidedAt ?? throw new ArgumentException($"appeal {appeal.Id} is not decided, so it clears nothing", nameof(appeal));
        var entry = _entries.GetOrAdd(appeal.Number, _ => new Entry());
        var gate = _gates.For(appeal.Number);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Journal.AppealedAsync(appeal, clearsLabel: true).ConfigureAwait(false);
            lock (entry)
            {
                Apply(entry, at);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Puts back what a journal kept, without writing it again: the node's state as of its last write.</summary>
    public void Restore(LabelRecords records)
    {
        foreach (var (number, at) in records.Clears)
        {
            _entries.GetOrAdd(number, _ => new Entry()).ClearedAt = at;
        }

        foreach (var report in records.Reports)
        {
            var entry = _entries.GetOrAdd(report.Number, _ => new Entry());
            // Reports up to the last clear were forgotten by it; leaving them out leaves every answer as it was.
            if (report.At > entry.ClearedAt)
            {
                Apply(entry, report);
            }
        }

        foreach (var (number, category, at) in records.Flags)
        {
            _entries.GetOrAdd(number, _ => new Entry()).Analytics = (category, at);
        }

        foreach (var (number, category, enterprise, at) in records.Declarations)
        {
            _entries.GetOrAdd(number, _ => new Entry()).Declaration = (category, enterprise, at);
        }
    }

    /// <summary>
    /// Applies records another node wrote to the shared journal while this one runs, without writing them again:
    /// clears as they happen (forgetting what came before), then reports, flags and declarations. Each is applied under
    /// its number's lock, and applying one twice changes nothing.
    /// </summary>
    public void Replay(LabelRecords records)
    {
        foreach (var (number, at) in records.Clears)
        {
            var entry = _entries.GetOrAdd(number, _ => new Entry());
            lock (entry)
            {
                if (at > entry.ClearedAt)
                {
                    Apply(entry, at);
                }
            }
        }

        foreach (var report in records.Reports)
        {
            var entry = _entries.GetOrAdd(report.Number, _ => new Entry());
            lock (entry)
            {
                if (report.At > entry.ClearedAt)
                {
                    Apply(entry, report);
                }
            }
        }

        foreach (var (number, category, at) in records.Flags)
        {
            var entry = _entries.GetOrAdd(number, _ => new Entry());
            lock (entry)
            {
                // A clear forgets what was said before it: a flag seen again after its clear stays forgotten.
                if (at > entry.ClearedAt)
                {
                    entry.Analytics ??= (category, at);
                }
            }
        }

        foreach (var (number, category, enterprise, at) in records.Declarations)
        {
            var entry = _entries.GetOrAdd(number, _ => new Entry());
            lock (entry)
            {
                if (at > entry.ClearedAt)
                {
                    entry.Declaration = (category, enterprise, at);
                }
            }
        }
    }

    /// <summary>The number's label at <paramref name="at"/>, or null when nothing labels it.</summary>
    public Label? Lookup(string number, DateTimeOffset at)
    {
        if (!_entries.TryGetValue(number, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            return Compute(number, entry, at, adding: null);
        }
    }

    /// <summary>
    /// The label at <paramref name="at"/>, as it stands or (<paramref name="adding"/>) as it will once that report counts:
    /// the report's reporter then reported its category at its time. Call under the entry's monitor.
    /// </summary>
    private Label? Compute(string number, Entry entry, DateTimeOffset at, NumberReport? adding)
    {
        var since = at - parameters.Window;
        (LabelCategory Category, int Count, DateTimeOffset Latest)? best = null;
        var added = adding is null;
        foreach (var (category, reporters) in entry.Reports ?? Empty)
        {
            var count = 0;
            var latest = DateTimeOffset.MinValue;
            var ofAdding = adding is { } a && a.Category == category;
            // Over the pairs, not `reporters.Values`: that property caches a new collection object inside the
            // old dictionary on first use, and a million old dictionaries each pointing at a young object made
            // every young collection scan the whole store (pauses of 100 ms under lookup load).
            foreach (var (reporter, kept) in reporters)
            {
                var reported = ofAdding && string.Equals(reporter, adding!.Reporter, StringComparison.Ordinal) ? adding.At : kept;
                Count(reported, ref count, ref latest);
            }

            if (ofAdding)
            {
                added = true;
                if (!reporters.ContainsKey(adding!.Reporter))
                {
                    Count(adding.At, ref count, ref latest);
                }
            }

            Better(category, count, latest, ref best);
        }

        if (!added)
        {
            // The report's category is new to the number: applying it adds the category last, as counted here.
            var count = 0;
            var latest = DateTimeOffset.MinValue;
            Count(adding!.At, ref count, ref latest);
            Better(adding.Category, count, latest, ref best);
        }

        var reportedCount = best?.Count ?? 0;
        if (entry.Declaration is { } declared)
        {
            return new Label(number, declared.Category, reportedCount, LabelSource.EnterpriseDeclaration, declared.At, declared.Enterprise);
        }

        if (best is { } reports && reports.Count >= parameters.Reporters)
        {
            return new Label(number, reports.Category, reports.Count, LabelSource.Reports, reports.Latest);
        }

        return entry.Analytics is { } flagged
            ? new Label(number, flagged.Category, reportedCount, LabelSource.CarrierAnalytics, flagged.At)
            : null;

        void Count(DateTimeOffset reported, ref int count, ref DateTimeOffset latest)
        {
            if (reported > since && reported > entry.ClearedAt && reported <= at)
            {
                count++;
                latest = reported > latest ? reported : latest;
            }
        }

        static void Better(LabelCategory category, int count, DateTimeOffset latest, ref (LabelCategory Category, int Count, DateTimeOffset Latest)? best)
        {
            if (count > 0 && (best is null || count > best.Value.Count))
            {
                best = (category, count, latest);
            }
        }
    }

    private static readonly Dictionary<LabelCategory, Dictionary<string, DateTimeOffset>> Empty = [];

    private ReportOutcome Apply(Entry entry, NumberReport report)
    {
        var outcome = Outcome(entry, report);
        var reports = entry.Reports ??= [];
        var reporters = reports.TryGetValue(report.Category, out var existing)
            ? existing
            : reports[report.Category] = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        reporters[report.Reporter] = report.At;
        return outcome;
    }

    /// <summary>How the report counts: once per reporter of a category in the window, later ones being repeats.</summary>
    private ReportOutcome Outcome(Entry entry, NumberReport report) =>
        entry.Reports is { } reports && reports.TryGetValue(report.Category, out var reporters)
        && reporters.TryGetValue(report.Reporter, out var earlier) && earlier > entry.ClearedAt && report.At - earlier <= parameters.Window
            ? ReportOutcome.Repeat
            : ReportOutcome.Counted;

    private static void Apply(Entry entry, DateTimeOffset clearedAt)
    {
        entry.ClearedAt = clearedAt;
        entry.Analytics = null;
        entry.Declaration = null;
        foreach (var (_, reporters) in entry.Reports ?? Empty)
        {
            reporters.Clear();
        }
    }

    /// <summary>
    /// What is on record for one number. Most numbers of a large store are only flagged or declared, so the report
    /// dictionaries exist only once a report arrives: a million entries are then a million fewer objects for the
    /// garbage collector to mark, which is what bounds the lookup's tail latency on a big store.
    /// </summary>
    private sealed class Entry
    {
        public Dictionary<LabelCategory, Dictionary<string, DateTimeOffset>>? Reports { get; set; }

        public (LabelCategory Category, DateTimeOffset At)? Analytics { get; set; }

        public (LabelCategory Category, string Enterprise, DateTimeOffset At)? Declaration { get; set; }

        public DateTimeOffset ClearedAt { get; set; } = DateTimeOffset.MinValue;
    }
}
