using System.Collections.Concurrent;

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
public sealed partial class LabelBook(LabelParameters parameters, ILabelJournal? journal = null)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly NumberGates _gates = new();

    public LabelParameters Parameters => parameters;

    internal ILabelJournal Journal { get; } = journal ?? NoLabelJournal.Instance;

    /// <summary>Numbers with anything on record (reports, a flag or a declaration).</summary>
    public int Count => _entries.Count;

    /// <summary>Those numbers, read as the book changes (no copy is taken): for counting labels, with <see cref="Lookup"/>.</summary>
    public IEnumerable<string> Numbers => _entries.Select(e => e.Key);

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
