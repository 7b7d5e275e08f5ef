using System.Collections.Concurrent;

namespace Labelling.Appeals;

/// <summary>
/// The allocation records the carrier keeps of its numbers, each number's holders in the order they got it: an appeal
/// that a number was reissued (二次放号) is checked against them, never taken on the appellant's word alone. A record is
/// written to the journal before it counts.
/// </summary>
public sealed class NumberAllocations(ILabelJournal? journal = null)
{
    private readonly ConcurrentDictionary<string, Allocation[]> _history = new(StringComparer.Ordinal);
    private readonly ILabelJournal _journal = journal ?? NoLabelJournal.Instance;
    private readonly Lock _write = new();

    /// <summary>Records that <paramref name="allocation"/>'s holder has held the number since its time; an older record than the newest kept is ignored.</summary>
    public void Record(Allocation allocation)
    {
        lock (_write)
        {
            if (Latest(allocation.Number) is { } kept && allocation.Since < kept.Since)
            {
                return;
            }

            _journal.Allocated(allocation);
            Add(allocation);
        }
    }

    /// <summary>Puts back records a journal or the resources store kept, without writing them again; a record already held is not doubled.</summary>
    public void Restore(IEnumerable<Allocation> allocations)
    {
        lock (_write)
        {
            foreach (var allocation in allocations)
            {
                Add(allocation);
            }
        }
    }

    /// <summary>The number's present holder by the record, or null when the carrier recorded none.</summary>
    public Allocation? Latest(string number) => _history.TryGetValue(number, out var history) ? history[^1] : null;

    /// <summary>Who held the number at <paramref name="at"/> by the record: the last allocation made by then, or null.</summary>
    public Allocation? HolderAt(string number, DateTimeOffset at) =>
        _history.TryGetValue(number, out var history) ? history.LastOrDefault(a => a.Since <= at) : null;

    private void Add(Allocation allocation)
    {
        var history = _history.TryGetValue(allocation.Number, out var kept) ? kept : [];
        if (history.Contains(allocation))
        {
            return;
        }

        _history[allocation.Number] = [.. history.Append(allocation).OrderBy(a => a.Since)];
    }
}
