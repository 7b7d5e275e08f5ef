namespace Labelling.Appeals;

/// <summary>The carrier's allocation record of a number: who has held it since when (a reissue starts a new record).</summary>
public sealed record Allocation(string Number, string Holder, DateTimeOffset Since);
