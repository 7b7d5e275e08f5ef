namespace Conformance.SpecModel;

/// <summary>One runnable scenario of the spec (an outline example counts as one), named as the suite's hooks name it.</summary>
public sealed record SpecScenario(string Feature, string Name, IReadOnlyList<string> Tags);
