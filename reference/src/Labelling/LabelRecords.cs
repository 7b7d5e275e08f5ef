using Labelling.Appeals;

namespace Labelling;

/// <summary>
/// What a <see cref="ILabelJournal"/> kept, read back when the node starts: every report in the order it was made,
/// the standing flags and declarations (a clear removed those before it), the moment each cleared number was last
/// cleared, every appeal as last written, and the newest allocation record of each number.
/// </summary>
public sealed record LabelRecords(
    IReadOnlyList<NumberReport> Reports,
    IReadOnlyList<(string Number, LabelCategory Category, DateTimeOffset At)> Flags,
    IReadOnlyList<(string Number, LabelCategory Category, string Enterprise, DateTimeOffset At)> Declarations,
    IReadOnlyList<(string Number, DateTimeOffset At)> Clears,
    IReadOnlyList<Appeal> Appeals,
    IReadOnlyList<Allocation> Allocations)
{
    public static LabelRecords Empty { get; } = new([], [], [], [], [], []);
}
