using Labelling;

namespace Reference.Portal;

/// <summary>
/// How many numbers carry each label category now, counted over the whole label book (in memory) at most once per
/// <see cref="PortalOptions.LabelCountsKeptFor"/> and kept: a chart view reads the kept count, and viewers who come
/// while it is being counted wait for that one count instead of starting their own.
/// </summary>
public sealed class LabelCensus(LabelBook book, PortalOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private LabelCount? _kept;

    public LabelCount Current()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_kept is { } kept && now >= kept.At && now - kept.At < options.LabelCountsKeptFor)
            {
                return kept;
            }

            var counts = new Dictionary<LabelCategory, long>();
            foreach (var number in book.Numbers)
            {
                if (book.Lookup(number, now) is { } label)
                {
                    counts[label.Category] = counts.GetValueOrDefault(label.Category) + 1;
                }
            }

            return (_kept = new LabelCount(counts, now));
        }
    }
}
