namespace Conformance.Reporting;

/// <summary>One scenario as the report shows it; EvidenceFile is the bundle-relative path of its readable evidence.</summary>
public sealed record ScenarioResult(
    string Feature,
    string Name,
    Verdict Verdict,
    string? Message,
    double DurationMs,
    IReadOnlyList<string> Evidence,
    string? EvidenceFile = null);
