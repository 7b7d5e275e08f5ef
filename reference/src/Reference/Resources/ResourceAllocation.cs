namespace Reference.Resources;

/// <summary>
/// One allocation on record: a number (First = Last) or a trunk's number block, its holder and since when; a reissue
/// ends the earlier holder's allocation (<see cref="Until"/>) and names that holder in the new one.
/// </summary>
public sealed record ResourceAllocation(
    string Id,
    AllocationKind Kind,
    string First,
    string Last,
    string Holder,
    string? Trunk,
    DateTimeOffset Since,
    DateTimeOffset? Until,
    string? PreviousHolder,
    string RecordedBy)
{
    public bool Covers(string number) =>
        number.Length == First.Length && string.CompareOrdinal(number, First) >= 0 && string.CompareOrdinal(number, Last) <= 0;

    public bool Overlaps(string first, string last) =>
        first.Length == First.Length && string.CompareOrdinal(first, Last) <= 0 && string.CompareOrdinal(last, First) >= 0;

    public bool InForceAt(DateTimeOffset at) => Since <= at && (Until is null || at < Until);
}
