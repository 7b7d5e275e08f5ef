namespace Conformance.Reporting;

/// <summary>Totals of a run; MUST failures that are known deviations are still counted in MustFailed, and also in MustFailedKnown.</summary>
public sealed record ReportSummary(
    int Requirements,
    IReadOnlyDictionary<string, int> ByVerdict,
    int MustFailed,
    int MustInconclusive,
    bool Conforming,
    int MustFailedKnown = 0);
