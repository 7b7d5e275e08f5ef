namespace Conformance.Reporting;

/// <summary>What a run adds to its report beyond verdicts: its id, the PICS it used, the known deviations and how scenarios were chosen.</summary>
public sealed record RunDetails(
    string? RunId,
    IReadOnlyDictionary<string, bool>? Pics,
    IReadOnlyList<KnownDeviation> KnownDeviations,
    RunSelection? Selection);
