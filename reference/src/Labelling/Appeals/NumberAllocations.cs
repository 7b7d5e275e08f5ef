using System.Collections.Concurrent;

namespace Labelling.Appeals;

/// <summary>
/// The allocation records the carrier keeps of its numbers: an appeal that a number was reissued (二次放号) is checked
/// against them, never taken on the appellant's word alone. A record is written to the journal before it counts.
/// </summary>
public sealed class NumberAllocations(ILabelJournal? journal = null)
{
    private readonly ConcurrentDictionary<string, Allocation> _latest = new(StringComparer.Ordinal);
    private readonly ILabelJournal _journal = journal ?? NoLabelJournal.Instance;
    private readonly Lock _write = new();

    /// <summary>Records that <paramref name="allocation"/>'s holder has held the number since its time; an older record than the one kept is ignored.</summary>
    public void Record(Allocation allocation)
    {
        lock (_write)
        {
            if (_latest.TryGetValue(allocation.Number, out var kept) && allocation.Since < kept.Since)
            {
                return;
            }

            _journal.Allocated(allocation);
            _latest[allocation.Number] = allocation;
        }
    }

    /// <summary>Puts back records a journal kept, without writing them again.</summary>
    public void Restore(IEnumerable<Allocation> allocations)
    {
        foreach (var allocation in allocations)
        {
            _latest[allocation.Number] = allocation;
        }
    }

    /// <summary>The number's present holder by the record, or null when the carrier recorded none.</summary>
    public Allocation? Latest(string number) => _latest.TryGetValue(number, out var allocation) ? allocation : null;
}
