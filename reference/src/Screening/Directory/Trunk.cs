namespace Screening.Directory;

/// <summary>An access trunk as screening sees it: known by its source address, owned by an enterprise of a sector.</summary>
public sealed record Trunk(string Id, string EnterpriseId, Sector Sector);
