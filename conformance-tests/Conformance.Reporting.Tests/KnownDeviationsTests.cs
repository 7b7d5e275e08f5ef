using Conformance.SpecModel;

namespace Conformance.Reporting.Tests;

public sealed class KnownDeviationsTests
{
    private static readonly RequirementCatalogue Catalogue = RequirementCatalogue.Load(Path.Combine(SampleBundle.Spec, "requirements.yaml"));

    private static string File(string json)
    {
        var path = Path.Combine(SampleBundle.NewDirectory(), "deviations.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void ADeviationIsShownBesideTheVerdictNotInsteadOfIt()
    {
        var deviations = KnownDeviationsFile.Load(File("""{ "deviations": [ { "requirement": "INT-SIG-001", "reason": "603 is sent as 486 until release 5" } ] }"""), Catalogue);

        var report = SampleBundle.Report(SampleBundle.Outcomes(), deviations);
        var requirement = report.Requirements.Single(r => r.Id == "INT-SIG-001");

        Assert.Multiple(() =>
        {
            Assert.That(requirement.Verdict, Is.EqualTo(Verdict.Failed));
            Assert.That(requirement.KnownDeviation, Is.EqualTo("603 is sent as 486 until release 5"));
            Assert.That(report.Summary.MustFailed, Is.EqualTo(1));
            Assert.That(report.Summary.MustFailedKnown, Is.EqualTo(1));
            Assert.That(report.KnownDeviations, Has.Count.EqualTo(1));
        });
    }

    [TestCase("""{ "deviations": [ { "requirement": "INT-SIG-001" } ] }""", "$.deviations[0].reason")]
    [TestCase("""{ "deviations": [ { "requirement": "NOPE-X-001", "reason": "r" } ] }""", "NOPE-X-001")]
    [TestCase("""{ "deviations": [ { "requirement": "INT-SIG-001", "reason": "r", "until": "2027" } ] }""", "$.deviations[0].until")]
    [TestCase("""[]""", "$ must be an object")]
    [TestCase("""{ "deviations": """, "not valid JSON")]
    public void ABadFileIsRefusedSayingWhere(string json, string expected) =>
        Assert.That(() => KnownDeviationsFile.Load(File(json), Catalogue), Throws.TypeOf<FormatException>().With.Message.Contains(expected));
}
