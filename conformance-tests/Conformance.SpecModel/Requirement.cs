namespace Conformance.SpecModel;

public sealed record Requirement(string Id, string Title, RequirementLevel Level, string Profile, string Pics, string Source);
