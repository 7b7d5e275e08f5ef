using Conformance.SpecModel;

namespace Conformance.Reporting;

/// <summary>
/// What a run adds to its report beyond verdicts: its id, the PICS it used, the known deviations, how scenarios were
/// chosen and the OPTIONS probe, the seed its data was drawn from, its scope: the requirements the selection
/// reached (null: every requirement of the catalogue), and whether it was interrupted (true; null when it ran to its end).
/// </summary>
public sealed record RunDetails(
    string? RunId,
    IReadOnlyDictionary<string, bool>? Pics,
    IReadOnlyList<KnownDeviation> KnownDeviations,
    RunSelection? Selection,
    IReadOnlyList<RealmProbe>? OptionsProbe = null,
    int? Seed = null,
    IReadOnlySet<string>? Scope = null,
    bool? Interrupted = null);
