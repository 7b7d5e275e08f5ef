using Conformance.SpecModel;

namespace Conformance.Reporting;

/// <summary>One executed scenario (or outline example) as recorded by the suite's hooks.</summary>
public sealed record ScenarioOutcome(
    string Feature,
    string Scenario,
    IReadOnlyList<string> Tags,
    Verdict Verdict,
    string? Message,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<StepOutcome>? Steps = null,
    IReadOnlyList<CapturedPacket>? Packets = null)
{
    /// <summary>Requirement ids this scenario proves: tags shaped like catalogue ids (AREA-GROUP-NNN).</summary>
    public IEnumerable<string> RequirementIds => Tags.Where(RequirementTag.IsRequirementId);
}
