using System.Text.Json;
using Conformance.Reporting;
using Conformance.SpecModel;

namespace Conformance.Cli.Tests;

/// <summary>--rerun-failed runs again only the scenarios (outline examples one by one) that failed or were inconclusive, not their whole requirement.</summary>
public sealed class RerunScenariosTests
{
    private static string Spec => RunCommand.SpecDirectory;

    /// <summary>An earlier bundle's report in which one example of INT-INTL-001 failed and every other scenario of it passed.</summary>
    private static (string Directory, SpecScenario Failed) EarlierRun()
    {
        var scenarios = SpecScenarios.Read(Path.Combine(Spec, "features")).Where(s => s.Tags.Contains("INT-INTL-001")).ToList();
        Assert.That(scenarios, Has.Count.GreaterThanOrEqualTo(3), "INT-INTL-001 needs several scenarios for this test to mean anything");
        var failed = scenarios[1];
        var at = DateTimeOffset.UtcNow;
        var outcomes = scenarios.Select(s => new ScenarioOutcome(s.Feature, s.Name, s.Tags, s == failed ? Verdict.Failed : Verdict.Passed, s == failed ? "expected 603, got 200" : null, at, at, [])).ToList();
        var report = ReportBuilder.Build(RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml")), outcomes,
            new SuiteInfo("harassment-call-conformance", "0.1.0"), SpecHash.Compute(Spec), new TargetInfo("earlier", "reference", null, null, null, "atis-603plus"), at, at);
        var directory = TestOutput.NewDirectory();
        ReportWriter.Write(report, directory);
        return (directory, failed);
    }

    [Test]
    public void ThePlanHoldsOnlyTheFailedExample()
    {
        var (earlier, failed) = EarlierRun();
        var options = new RunOptions(null, null, [], null, new DirectoryInfo(earlier), null, null);

        var plan = ScenarioPlan.Of(Path.Combine(Spec, "features"), ScenarioSelection.From(options, RequirementCatalogue.Load(Path.Combine(Spec, "requirements.yaml"))));

        Assert.That(plan.Selected.Select(s => s.Name), Is.EqualTo(new[] { failed.Name }));
    }

    [Test]
    public void TheRerunExecutesTheFailedExampleAndReportsItsSiblingsSkipped()
    {
        var (earlier, failed) = EarlierRun();
        var outDir = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("run", "--out", outDir, "--rerun-failed", earlier);

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        var scenarios = TestOutput.Requirement(report.RootElement, "INT-INTL-001").GetProperty("scenarios").EnumerateArray().ToList();
        var ran = scenarios.Where(s => s.GetProperty("verdict").GetString() != "skipped").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ran.Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { failed.Name }));
            Assert.That(ran.Single().GetProperty("verdict").GetString(), Is.EqualTo("passed"));
            Assert.That(scenarios, Has.Count.GreaterThan(1), "the siblings that passed before are listed, skipped");
            Assert.That(TestOutput.Verdict(report.RootElement, "INT-INTL-001"), Is.EqualTo("passed"));
        });
    }
}
