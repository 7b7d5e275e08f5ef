using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

public sealed class PicsProformaTests
{
    private static PicsProforma Proforma()
    {
        var path = Path.Combine(SampleBundle.NewDirectory(), "pics.yaml");
        File.WriteAllText(path, """
            capabilities:
              - code: LAB-BASE
                title: Labels
                requires: []
              - code: LAB-APP
                title: Labels shown in the app
                requires: [LAB-BASE]
            """);
        return PicsProforma.Load(path);
    }

    [Test]
    public void TheShippedProformaAcceptsItsOwnCodes()
    {
        var proforma = PicsProforma.Load(Path.Combine(SampleBundle.Spec, "pics.yaml"));

        Assert.That(proforma.Problems(proforma.Capabilities.ToDictionary(c => c.Code, _ => true), "t.json"), Is.Empty);
    }

    [Test]
    public void AnUnknownCodeIsRefusedByName() =>
        Assert.That(Proforma().Problems(new Dictionary<string, bool> { ["LAB-NOPE"] = true }, "t.json"),
            Has.One.Contains("LAB-NOPE").And.Contains("not in spec/pics.yaml"));

    [Test]
    public void ACapabilityWhosePrerequisiteIsDeclaredAbsentIsRefused() =>
        Assert.That(Proforma().Problems(new Dictionary<string, bool> { ["LAB-APP"] = true, ["LAB-BASE"] = false }, "t.json"),
            Has.One.Contains("LAB-APP").And.Contains("prerequisite LAB-BASE"));

    [Test]
    public void AnUnansweredCodeIsRefusedWithTheRecipe() =>
        Assert.That(Proforma().Problems(new Dictionary<string, bool> { ["LAB-BASE"] = true }, "t.json"),
            Has.One.Contains("unanswered: LAB-APP").And.Contains("pics init --from t.json"));

    [Test]
    public void AnAbsentCapabilityNeedsNoPrerequisite() =>
        Assert.That(Proforma().Problems(new Dictionary<string, bool> { ["LAB-APP"] = false, ["LAB-BASE"] = false }, "t.json"), Is.Empty);
}
