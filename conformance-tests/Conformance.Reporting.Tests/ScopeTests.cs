using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

/// <summary>A run is judged on what it reached: a selection that passed is not a conformance verdict.</summary>
public sealed class ScopeTests
{
    private static readonly RequirementCatalogue Catalogue = RequirementCatalogue.Load(Path.Combine(SampleBundle.Spec, "requirements.yaml"));

    private static ConformanceReport Build(IReadOnlySet<string>? scope, Verdict verdict = Verdict.Passed)
    {
        var at = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
        var outcomes = Catalogue.Requirements
            .Select(r => new ScenarioOutcome("f", "s " + r.Id, [r.Id],
                scope is null || scope.Contains(r.Id) ? verdict : Verdict.Skipped, null, at, at, []))
            .ToList();
        return ReportBuilder.Build(Catalogue, outcomes, new SuiteInfo("s", "0.1.0"), "sha256:0", new TargetInfo("t", "target-file", null, null, null, "atis-603plus"),
            at, at, new RunDetails("r", null, [], null, null, 42, scope));
    }

    [Test]
    public void AFullRunThatPassedEveryMustIsConforming()
    {
        var summary = Build(scope: null).Summary;

        Assert.Multiple(() =>
        {
            Assert.That(summary.Conforming, Is.True);
            Assert.That(summary.FullScope, Is.True);
            Assert.That(summary.InScope, Is.EqualTo(Catalogue.Requirements.Count));
        });
    }

    [Test]
    public void ASelectionThatPassedIsNotConformingAndSaysHowMuchItCovered()
    {
        var scope = Catalogue.Requirements.Where(r => r.Profile == "warning").Select(r => r.Id).ToHashSet();

        var summary = Build(scope).Summary;

        Assert.Multiple(() =>
        {
            Assert.That(summary.Conforming, Is.False, "the requirements outside the selection were never tested");
            Assert.That(summary.ScopePassed, Is.True);
            Assert.That(summary.FullScope, Is.False);
            Assert.That(summary.InScope, Is.EqualTo(scope.Count));
        });
    }

    [Test]
    public void AFullRunWithASkippedRequirementIsNotConforming()
    {
        var report = Build(scope: null);
        var skippedOne = Catalogue.Requirements.Skip(1)
            .Select(r => new ScenarioOutcome("f", "s " + r.Id, [r.Id], Verdict.Passed, null, report.Started, report.Started, []))
            .ToList();

        var summary = ReportBuilder.Build(Catalogue, skippedOne, report.Suite, report.SpecHash, report.Target, report.Started, report.Finished,
            new RunDetails("r", null, [], null)).Summary;

        Assert.That(summary.Conforming, Is.False, "a requirement no scenario reached (an interrupted run) cannot be counted as met");
    }

    [Test]
    public void TheSeedIsKeptInTheReport() => Assert.That(Build(scope: null).Seed, Is.EqualTo(42));
}
