namespace Screening.Directory;

/// <summary>
/// A block of national numbers allocated to an enterprise, First to Last inclusive, both of the same length.
/// Call-centre access numbers are inbound-only unless outbound calling was enabled for them.
/// </summary>
public sealed record AllocatedRange(string First, string Last, string EnterpriseId, bool InboundOnly)
{
    public bool Contains(string national) =>
        national.Length == First.Length
        && string.CompareOrdinal(national, First) >= 0
        && string.CompareOrdinal(national, Last) <= 0;
}
