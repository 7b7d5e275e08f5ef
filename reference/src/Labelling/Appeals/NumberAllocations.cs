using System.Collections.Concurrent;

namespace Labelling.Appeals;

/// <summary>
/// The allocation records the carrier keeps of its numbers: an appeal that a number was reissued (二次放号) is checked
/// against them, never taken on the appellant's word alone.
/// </summary>
public sealed class NumberAllocations
{
    private readonly ConcurrentDictionary<string, Allocation> _latest = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="allocation"/>'s holder has held the number since its time; an older record than the one kept is ignored.</summary>
    public void Record(Allocation allocation) =>
        _latest.AddOrUpdate(allocation.Number, allocation, (_, kept) => allocation.Since >= kept.Since ? allocation : kept);

    /// <summary>The number's present holder by the record, or null when the carrier recorded none.</summary>
    public Allocation? Latest(string number) => _latest.TryGetValue(number, out var allocation) ? allocation : null;
}
