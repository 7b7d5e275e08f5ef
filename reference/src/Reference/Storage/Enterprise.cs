using Screening.Directory;

namespace Reference.Storage;

/// <summary>A provisioned enterprise: the holder of trunks and number ranges, and its business sector.</summary>
public sealed record Enterprise(string Id, string Name, Sector Sector);
