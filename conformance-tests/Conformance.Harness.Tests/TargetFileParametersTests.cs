using Conformance.Harness.Targets;

namespace Conformance.Harness.Tests;

/// <summary>The rule parameters and the management URL a target file may give, and their refusals.</summary>
public sealed class TargetFileParametersTests
{
    private static readonly string Targets = Path.Combine(AppContext.BaseDirectory, "targets");

    [Test]
    public void ALabsOwnParametersAreRead()
    {
        var target = TargetFileLoader.Load(Path.Combine(Targets, "reference-rfc8197-lab-parameters.json"));

        Assert.Multiple(() =>
        {
            Assert.That(target.SignallingProfile, Is.EqualTo("rfc8197"));
            Assert.That(target.Parameters.BombingLimit, Is.EqualTo(4));
            Assert.That(target.Parameters.CallingHoursStart, Is.EqualTo(TimeSpan.FromHours(9)));
            Assert.That(target.Parameters.OneRingSeconds, Is.EqualTo(5), "an absent key keeps its default");
        });
    }

    [Test]
    public void TheReportTextLimitAndAppealDeadlineAreReadAndPushedToTheReference()
    {
        var path = Path.Combine(Path.GetTempPath(), $"target-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "description": "x", "adapter": "reference", "parameters": { "reportTextLimit": 120, "appealDeadlineDays": 3 } }""");
        try
        {
            var parameters = TargetFileLoader.Load(path).Parameters;

            Assert.Multiple(() =>
            {
                Assert.That(parameters.ReportTextLimit, Is.EqualTo(120));
                Assert.That(parameters.AppealDeadlineDays, Is.EqualTo(3));
                Assert.That(parameters.AsReferenceArguments(), Does.Contain("--Labelling:MaxTextLength=120").And.Contain("--Labelling:AppealDeadlineDays=3"));
                Assert.That(new RuleParameters().AsReferenceArguments(), Does.Contain("--Labelling:MaxTextLength=500").And.Contain("--Labelling:AppealDeadlineDays=7"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AnExternalTargetNamesItsManagementApi() =>
        Assert.That(TargetFileLoader.Load(Path.Combine(Targets, "reference-node-on-defaults.json")).ManagementUrl, Is.EqualTo(new Uri("http://127.0.0.1:8080")));

    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "bombingLimit": 0 } }""", "$.parameters.bombingLimit")]
    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "callingHours": "21:00-08:00" } }""", "$.parameters.callingHours")]
    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "callingHours": "8 to 9" } }""", "$.parameters.callingHours")]
    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "marketingShortLimit": 4, "marketingDailyLimit": 3 } }""", "$.parameters.marketingDailyLimit")]
    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "ringTime": 5 } }""", "$.parameters.ringTime")]
    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "reportTextLimit": 0 } }""", "$.parameters.reportTextLimit")]
    [TestCase("""{ "description": "x", "adapter": "reference", "parameters": { "appealDeadlineDays": "a week" } }""", "$.parameters.appealDeadlineDays")]
    [TestCase("""{ "description": "x", "adapter": "reference", "management": { "url": "ftp://x" } }""", "$.management.url")]
    public void ImpossibleParametersAreRefusedNamingThePlace(string json, string place)
    {
        var path = Path.Combine(Path.GetTempPath(), $"target-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            Assert.That(() => TargetFileLoader.Load(path), Throws.TypeOf<TargetFileException>().With.Message.Contains(place));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
