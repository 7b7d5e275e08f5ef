using Conformance.SpecModel;

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
    IReadOnlyList<RequirementResult> Requirements,
    string? RunId = null,
    IReadOnlyDictionary<string, bool>? Pics = null,
    IReadOnlyList<KnownDeviation>? KnownDeviations = null,
    RunSelection? Selection = null,
    IReadOnlyList<RealmProbe>? OptionsProbe = null,
    int? Seed = null,
    bool? Interrupted = null);
