using System.Collections.Concurrent;

namespace Labelling;

/// <summary>
/// Every number's reports, analytics flag and self-declaration, and the label they add up to. Reports label a
/// number only when at least <see cref="LabelParameters.Reporters"/> distinct reporters name the same category
/// within the window: a repeat by one reporter refreshes its time but counts once, which resists label poisoning.
/// An enterprise's declaration wins over reports (it is the holder speaking), reports over analytics. Clearing a
/// label (an appeal) forgets everything said about the number before that moment, so it stops showing at once.
/// </summary>
public sealed class LabelBook(LabelParameters parameters)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public LabelParameters Parameters => parameters;

    /// <summary>Numbers with anything on record (reports, a flag or a declaration).</summary>
    public int Count => _entries.Count;

    public ReportOutcome Report(NumberReport report)
    {
        var entry = _entries.GetOrAdd(report.Number, _ => new Entry());
        lock (entry)
        {
            var reports = entry.Reports ??= [];
            var reporters = reports.TryGetValue(report.Category, out var existing)
                ? existing
                : reports[report.Category] = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            var repeat = reporters.TryGetValue(report.Reporter, out var earlier) && earlier > entry.ClearedAt && report.At - earlier <= parameters.Window;
            reporters[report.Reporter] = report.At;
            return repeat ? ReportOutcome.Repeat : ReportOutcome.Counted;
        }
    }

    /// <summary>Carrier analytics flag a number (the one-ring rule, or an operator's own system).</summary>
    public void Flag(string number, LabelCategory category, DateTimeOffset at)
    {
        var entry = _entries.GetOrAdd(number, _ => new Entry());
        lock (entry)
        {
            entry.Analytics ??= (category, at);
        }
    }

    /// <summary>An enterprise declares a number it holds (a delivery company, a taxi firm).</summary>
    public void Declare(string number, LabelCategory category, string enterprise, DateTimeOffset at)
    {
        var entry = _entries.GetOrAdd(number, _ => new Entry());
        lock (entry)
        {
            entry.Declaration = (category, enterprise, at);
        }
    }

    /// <summary>Forgets everything said about the number up to <paramref name="at"/>; later reports count afresh.</summary>
    public void Clear(string number, DateTimeOffset at)
    {
        if (!_entries.TryGetValue(number, out var entry))
        {
            return;
        }

        lock (entry)
        {
            entry.ClearedAt = at;
            entry.Analytics = null;
            entry.Declaration = null;
            foreach (var (_, reporters) in entry.Reports ?? Empty)
            {
                reporters.Clear();
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
            var since = at - parameters.Window;
            (LabelCategory Category, int Count, DateTimeOffset Latest)? best = null;
            foreach (var (category, reporters) in entry.Reports ?? Empty)
            {
                var count = 0;
                var latest = DateTimeOffset.MinValue;
                // Over the pairs, not `reporters.Values`: that property caches a new collection object inside the
                // old dictionary on first use, and a million old dictionaries each pointing at a young object made
                // every young collection scan the whole store (pauses of 100 ms under lookup load).
                foreach (var (_, reported) in reporters)
                {
                    if (reported > since && reported > entry.ClearedAt && reported <= at)
                    {
                        count++;
                        latest = reported > latest ? reported : latest;
                    }
                }

                if (count > 0 && (best is null || count > best.Value.Count))
                {
                    best = (category, count, latest);
                }
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
        }
    }

    private static readonly Dictionary<LabelCategory, Dictionary<string, DateTimeOffset>> Empty = [];

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
