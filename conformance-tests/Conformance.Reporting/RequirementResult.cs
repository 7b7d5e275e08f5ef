namespace Conformance.Reporting;

/// <summary>One requirement's verdict, rolled up from its scenarios; a known deviation is shown beside the verdict, never instead of it.</summary>
public sealed record RequirementResult(
    string Id,
    string Title,
    string Level,
    string Profile,
    string Pics,
    Verdict Verdict,
    IReadOnlyList<ScenarioResult> Scenarios,
    string? KnownDeviation = null);
