using Screening.Counters;
using Screening.Directory;

namespace Reference.Storage;

/// <summary>
/// Non-overlapping ranges sorted by their first number, packed as longs (NumberKey keeps numeric order equal to
/// (length, digits) order). A look-up first searches a sample of every 64th first number (small enough to stay
/// in cache), then one block of 64: a handful of cache misses instead of one per step over 100,000 ranges.
/// </summary>
internal sealed class RangeIndex
{
    private readonly long[] _firsts;
    private readonly long[] _lasts;
    private const int Block = 64;
    private readonly AllocatedRange[] _ranges;
    private readonly long[] _sample;

    public RangeIndex(IEnumerable<AllocatedRange> ranges)
    {
        _ranges = ranges.ToArray();
        _firsts = _ranges.Select(r => NumberKey.Of(r.First)).ToArray();
        Array.Sort(_firsts, _ranges);
        _lasts = _ranges.Select(r => NumberKey.Of(r.Last)).ToArray();
        _sample = _firsts.Where((_, i) => i % Block == 0).ToArray();
    }

    public static RangeIndex Empty { get; } = new([]);

    public AllocatedRange? Find(long number)
    {
        var block = Array.BinarySearch(_sample, number);
        block = block < 0 ? ~block - 1 : block;
        if (block < 0)
        {
            return null;
        }

        var start = block * Block;
        var at = Array.BinarySearch(_firsts, start, Math.Min(Block, _firsts.Length - start), number);
        if (at < 0)
        {
            at = ~at - 1;
        }

        return at >= 0 && number <= _lasts[at] ? _ranges[at] : null;
    }
}
