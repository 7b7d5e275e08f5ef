namespace Reference.Resources;

/// <summary>
/// The store refused an allocation because a current allocation it holds covers some of the same numbers: another
/// node's, made after this node last read the store (<see cref="ResourceStore.AllocatedAsync"/>). Nothing was written.
/// </summary>
public sealed class AllocationOverlapException(string first, string last)
    : Exception($"The store holds a current allocation overlapping {first}-{last}; nothing was allocated.");
