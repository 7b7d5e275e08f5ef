namespace Conformance.Reporting;

/// <summary>The document written as conformance-report.json. New fields are added, never renamed.</summary>
public sealed record ConformanceReport(
    string SchemaVersion,
    SuiteInfo Suite,
    string SpecHash,
    TargetInfo Target,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    ReportSummary Summary,
    IReadOnlyList<RequirementResult> Requirements);

public sealed record SuiteInfo(string Name, string Version);

public sealed record TargetInfo(string Description, string Adapter, string? Vendor, string? Product, string? Version, string SignallingProfile);

public sealed record ReportSummary(int Requirements, IReadOnlyDictionary<string, int> ByVerdict, int MustFailed, int MustInconclusive, bool Conforming);

public sealed record RequirementResult(
    string Id,
    string Title,
    string Level,
    string Profile,
    string Pics,
    Verdict Verdict,
    IReadOnlyList<ScenarioResult> Scenarios);

public sealed record ScenarioResult(string Feature, string Name, Verdict Verdict, string? Message, double DurationMs, IReadOnlyList<string> Evidence);
