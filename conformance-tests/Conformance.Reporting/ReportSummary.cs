namespace Conformance.Reporting;

/// <summary>
/// Totals of a run; MUST failures that are known deviations are still counted in MustFailed, and also in MustFailedKnown.
/// Conforming holds only for a run whose scope is the whole catalogue: a selection that passed says nothing of the
/// requirements it left out.
/// </summary>
public sealed record ReportSummary(
    int Requirements,
    IReadOnlyDictionary<string, int> ByVerdict,
    int MustFailed,
    int MustInconclusive,
    bool Conforming,
    int MustFailedKnown = 0,
    int InScope = 0,
    bool FullScope = true)
{
    /// <summary>Every MUST of the scope passed (or is not applicable): the whole verdict of a full run, a partial one's only.</summary>
    public bool ScopePassed => MustFailed == 0 && MustInconclusive == 0;
}
