using Screening.Counters;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Non-overlapping ranges sorted by their first number, packed as longs (NumberKey keeps numeric order equal to
/// (length, digits) order), so a look-up is a binary search over one contiguous array.
/// </summary>
internal sealed class RangeIndex
{
    private readonly long[] _firsts;
    private readonly long[] _lasts;
    private readonly AllocatedRange[] _ranges;

    public RangeIndex(IEnumerable<AllocatedRange> ranges)
    {
        _ranges = ranges.ToArray();
        _firsts = _ranges.Select(r => NumberKey.Of(r.First)).ToArray();
        Array.Sort(_firsts, _ranges);
        _lasts = _ranges.Select(r => NumberKey.Of(r.Last)).ToArray();
    }

    public static RangeIndex Empty { get; } = new([]);

    public AllocatedRange? Find(long number)
    {
        var at = Array.BinarySearch(_firsts, number);
        if (at < 0)
        {
            at = ~at - 1;
        }

        return at >= 0 && number <= _lasts[at] ? _ranges[at] : null;
    }
}
