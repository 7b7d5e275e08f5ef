namespace Reference.Resources;

/// <summary>A contract sanction on a trunk: suspended since a time for a reason, until lifted.</summary>
public sealed record TrunkSanction(string Id, string Trunk, string Reason, DateTimeOffset Since, string ImposedBy, DateTimeOffset? LiftedAt = null)
{
    public bool InForce => LiftedAt is null;
}
