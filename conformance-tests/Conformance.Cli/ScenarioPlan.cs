using Conformance.Reporting;
using Conformance.SpecModel;

namespace Conformance.Cli;

/// <summary>The scenarios a selection will run and those it leaves out, from the spec itself; the counts drive the progress bars.</summary>
public sealed record ScenarioPlan(IReadOnlyList<SpecScenario> Selected, IReadOnlyList<SpecScenario> LeftOut)
{
    public int Features => Selected.Select(s => s.Feature).Distinct().Count();

    public int Scenarios => Selected.Count;

    public static ScenarioPlan Of(string featuresDirectory, ScenarioSelection selection)
    {
        var all = SpecScenarios.Read(featuresDirectory);
        return new ScenarioPlan(all.Where(selection.Includes).ToList(), all.Where(s => !selection.Includes(s)).ToList());
    }

    /// <summary>The run's scope: the catalogue's requirements that a selected scenario is tagged with.</summary>
    public IReadOnlySet<string> RequirementIds(RequirementCatalogue catalogue)
    {
        var ids = catalogue.Requirements.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return Selected.SelectMany(s => s.Tags).Where(ids.Contains).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The selected scenarios a run did not reach, so the report says what was not run and why: skipped when the run
    /// was interrupted, inconclusive when it stopped because the system under test was not there.
    /// </summary>
    public IReadOnlyList<ScenarioOutcome> NotReached(IReadOnlyList<ScenarioOutcome> ran, DateTimeOffset at, Verdict verdict, string reason)
    {
        var reached = ran.Select(o => ScenarioKey.Of(o.Feature, o.Scenario)).ToHashSet(StringComparer.Ordinal);
        return Selected.Where(s => !reached.Contains(ScenarioKey.Of(s.Feature, s.Name)))
            .Select(s => new ScenarioOutcome(s.Feature, s.Name, s.Tags, verdict, reason, at, at, [])).ToList();
    }

    /// <summary>A scenario left out by the selection is reported skipped, so the report says what was not run and why.</summary>
    public IEnumerable<ScenarioOutcome> SkippedOutcomes(DateTimeOffset at) => LeftOut.Select(s =>
        new ScenarioOutcome(s.Feature, s.Name, s.Tags, Verdict.Skipped, "filtered out by --tags, --profile or --rerun-failed", at, at, []));
}
