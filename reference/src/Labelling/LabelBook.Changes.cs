using Labelling.Appeals;

namespace Labelling;

/// <summary>What changes a label: reports, analytics flags, declarations and appeals' clears, each written to the journal in the number's turn before memory changes.</summary>
public sealed partial class LabelBook
{
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
}
