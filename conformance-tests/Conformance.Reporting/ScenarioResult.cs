namespace Conformance.Reporting;

/// <summary>One scenario as the report shows it; EvidenceFile is the bundle-relative path of its readable evidence, CaptureFile of its pcapng capture (none when no message crossed the wire).</summary>
public sealed record ScenarioResult(
    string Feature,
    string Name,
    Verdict Verdict,
    string? Message,
    double DurationMs,
    IReadOnlyList<string> Evidence,
    string? EvidenceFile = null,
    string? CaptureFile = null);
