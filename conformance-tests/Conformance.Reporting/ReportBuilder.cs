using Conformance.Reporting.Bundle;
using Conformance.SpecModel;

namespace Conformance.Reporting;

/// <summary>Rolls scenario outcomes up into one verdict per catalogue requirement.</summary>
public static class ReportBuilder
{
    public const string SchemaVersion = "1.3";

    public static ConformanceReport Build(
        RequirementCatalogue catalogue,
        IReadOnlyList<ScenarioOutcome> outcomes,
        SuiteInfo suite,
        string specHash,
        TargetInfo target,
        DateTimeOffset started,
        DateTimeOffset finished,
        RunDetails? details = null)
    {
        details ??= new RunDetails(null, null, [], null);
        var deviations = details.KnownDeviations.ToDictionary(d => d.Requirement, d => d.Reason, StringComparer.Ordinal);
        var results = new List<RequirementResult>();
        var stems = EvidenceWriter.Stems(outcomes);
        foreach (var requirement in catalogue.Requirements)
        {
            var scenarios = outcomes
                .Select((o, index) => (Outcome: o, Index: index))
                .Where(x => x.Outcome.RequirementIds.Contains(requirement.Id))
                .Select(x => new ScenarioResult(x.Outcome.Feature, x.Outcome.Scenario, x.Outcome.Verdict, x.Outcome.Message,
                    (x.Outcome.Finished - x.Outcome.Started).TotalMilliseconds, x.Outcome.Evidence, EvidenceWriter.TextFile(stems[x.Index]),
                    x.Outcome.Packets is { Count: > 0 } ? EvidenceWriter.CaptureFile(stems[x.Index]) : null))
                .ToList();
            results.Add(new RequirementResult(requirement.Id, requirement.Title, requirement.Level.ToString().ToUpperInvariant(),
                requirement.Profile, requirement.Pics, RollUp(requirement.Level, scenarios.Select(s => s.Verdict).ToList()), scenarios,
                deviations.GetValueOrDefault(requirement.Id)));
        }

        var byVerdict = Enum.GetValues<Verdict>().ToDictionary(
            v => VerdictName(v), v => results.Count(r => r.Verdict == v));
        var mustFailed = results.Count(r => r.Level == "MUST" && r.Verdict == Verdict.Failed);
        var mustInconclusive = results.Count(r => r.Level == "MUST" && r.Verdict == Verdict.Inconclusive);
        var mustFailedKnown = results.Count(r => r.Level == "MUST" && r.Verdict == Verdict.Failed && r.KnownDeviation is not null);
        var inScope = details.Scope is { } scope ? results.Count(r => scope.Contains(r.Id)) : results.Count;
        var fullScope = inScope == results.Count;
        var summary = new ReportSummary(results.Count, byVerdict, mustFailed, mustInconclusive,
            IsConforming(fullScope, mustFailed, mustInconclusive, byVerdict[VerdictName(Verdict.Skipped)]), mustFailedKnown, inScope, fullScope);
        return new ConformanceReport(SchemaVersion, suite, specHash, target, started, finished, summary, results,
            details.RunId, details.Pics, details.KnownDeviations, details.Selection, details.OptionsProbe, details.Seed, details.Interrupted);
    }

    /// <summary>
    /// Conforming: the whole catalogue was in scope, every requirement was reached (none skipped, as the requirements of
    /// an interrupted run are) and no MUST failed or stayed inconclusive.
    /// </summary>
    public static bool IsConforming(bool fullScope, int mustFailed, int mustInconclusive, int skipped) =>
        fullScope && skipped == 0 && mustFailed == 0 && mustInconclusive == 0;

    /// <summary>
    /// A failure of a MUST fails it; of a SHOULD or MAY it is a warning. Inconclusive outranks passed,
    /// because a requirement is only passed when every scenario behind it could be judged and passed.
    /// </summary>
    public static Verdict RollUp(RequirementLevel level, IReadOnlyList<Verdict> verdicts)
    {
        if (verdicts.Count == 0 || verdicts.All(v => v == Verdict.Skipped))
        {
            return Verdict.Skipped;
        }

        if (verdicts.Contains(Verdict.Failed))
        {
            return level == RequirementLevel.Must ? Verdict.Failed : Verdict.Warning;
        }

        if (verdicts.Contains(Verdict.Inconclusive))
        {
            return Verdict.Inconclusive;
        }

        var judged = verdicts.Where(v => v != Verdict.Skipped).ToList();
        return judged.All(v => v == Verdict.NotApplicable) ? Verdict.NotApplicable : Verdict.Passed;
    }

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.NotApplicable => "not-applicable",
        _ => verdict.ToString().ToLowerInvariant(),
    };
}
