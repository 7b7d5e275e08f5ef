using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

public sealed class RollUpTests
{
    [TestCase(RequirementLevel.Must, new[] { Verdict.Passed, Verdict.Failed }, Verdict.Failed)]
    [TestCase(RequirementLevel.Should, new[] { Verdict.Passed, Verdict.Failed }, Verdict.Warning)]
    [TestCase(RequirementLevel.Must, new[] { Verdict.Passed, Verdict.Inconclusive }, Verdict.Inconclusive)]
    [TestCase(RequirementLevel.Must, new[] { Verdict.Passed, Verdict.Passed }, Verdict.Passed)]
    [TestCase(RequirementLevel.Must, new[] { Verdict.NotApplicable, Verdict.NotApplicable }, Verdict.NotApplicable)]
    [TestCase(RequirementLevel.Must, new Verdict[0], Verdict.Skipped)]
    public void ARequirementRollsUpItsScenarios(RequirementLevel level, Verdict[] scenarios, Verdict expected) =>
        Assert.That(ReportBuilder.RollUp(level, scenarios), Is.EqualTo(expected));
}
