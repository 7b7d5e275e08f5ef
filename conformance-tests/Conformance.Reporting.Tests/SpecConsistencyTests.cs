using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

/// <summary>The build-time guard of the standard: a tag naming an unknown id, or a MUST without a scenario, fails here.</summary>
public sealed class SpecConsistencyTests
{
    private static readonly string Spec = Path.Combine(AppContext.BaseDirectory, "spec");

    [Test]
    public void TheCatalogueAndTheFeaturesAgree()
    {
        var catalogue = RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml"));
        var scenarios = SpecConsistency.ReadScenarios(Path.Combine(Spec, "features"));

        Assert.That(scenarios, Is.Not.Empty);
        Assert.That(SpecConsistency.Problems(catalogue, scenarios, Spec), Is.Empty);
    }

    [Test]
    public void AnUnknownIdAndAnUncoveredMustAreBothReported()
    {
        var catalogue = RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml"));
        var scenario = new SpecConsistency.FeatureScenario(Path.Combine(Spec, "features", "x.feature"), 3, "stray", ["INT-INTL-999", "pics:INT-INTL"]);

        var problems = SpecConsistency.Problems(catalogue, [scenario], Spec);

        Assert.That(problems, Has.Some.Contains("@INT-INTL-999").And.Some.Contains("MUST INT-INTL-001"));
    }

    [Test]
    public void EveryRequirementUsesOneOfTheEightProfiles()
    {
        var catalogue = RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml"));

        Assert.That(catalogue.Requirements.Select(r => r.Profile).Distinct(), Is.SubsetOf(RequirementCatalogue.Profiles));
    }
}
