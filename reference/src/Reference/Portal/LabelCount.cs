using Labelling;

namespace Reference.Portal;

/// <summary>Numbers labelled per category as counted at <see cref="At"/>.</summary>
public sealed record LabelCount(IReadOnlyDictionary<LabelCategory, long> PerCategory, DateTimeOffset At)
{
    public long Of(LabelCategory category) => PerCategory.GetValueOrDefault(category);
}
