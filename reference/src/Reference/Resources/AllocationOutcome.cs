namespace Reference.Resources;

/// <summary>
/// What an allocation request came to: made (<see cref="Allocation"/>, with <see cref="Created"/> false when the holder
/// already held it), or refused with the fields that say why and the HTTP status (409: the records refuse it).
/// </summary>
public sealed record AllocationOutcome(ResourceAllocation? Allocation, bool Created, IReadOnlyList<(string Field, string Problem)> Refusal, string? Title)
{
    public static AllocationOutcome Made(ResourceAllocation allocation, bool created) => new(allocation, created, [], null);

    public static AllocationOutcome Refused(string title, IReadOnlyList<(string Field, string Problem)> why) => new(null, false, why, title);
}
