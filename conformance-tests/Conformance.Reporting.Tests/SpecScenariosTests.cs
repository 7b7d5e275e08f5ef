using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

public sealed class SpecScenariosTests
{
    [Test]
    public void OutlineExamplesAreNamedOneByOneAndEveryNameIsUnique()
    {
        var scenarios = SpecScenarios.Read(Path.Combine(SampleBundle.Spec, "features"));

        Assert.That(scenarios.Select(s => (s.Feature, s.Name)), Is.Unique);
        Assert.That(scenarios.Count, Is.GreaterThan(SpecConsistency.ReadScenarios(Path.Combine(SampleBundle.Spec, "features")).Count),
            "outlines expand to one scenario per example row");
        Assert.That(scenarios, Has.All.Matches<SpecScenario>(s => !s.Name.Contains('<', StringComparison.Ordinal) || !s.Name.Contains('>', StringComparison.Ordinal)));
    }

    [TestCase("A call presenting <number> from <realm>", new[] { "number", "realm" }, new[] { "+86", "abroad" }, "A call presenting +86 from abroad")]
    [TestCase("A datagram is dropped", new[] { "kind" }, new[] { "random bytes" }, "A datagram is dropped [random bytes]")]
    public void AnExampleIsNamedAsTheHooksNameIt(string title, string[] header, string[] values, string expected) =>
        Assert.That(SpecScenarios.OutlineName(title, header, values), Is.EqualTo(expected));
}
