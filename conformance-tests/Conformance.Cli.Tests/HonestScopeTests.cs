using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>A run says what it covered, refuses to test nothing, and refuses a proforma with unanswered codes.</summary>
public sealed class HonestScopeTests
{
    [Test]
    public void ASelectionWithNoScenarioExitsTwoAndSaysSo()
    {
        // A tag no scenario carries selects nothing, whichever profiles have scenarios by now.
        var (exit, output) = CliProcess.Run("run", "--tags", "no-scenario-has-this-tag", "--out", TestOutput.NewDirectory());

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("matches no scenario").And.Contain("--tags no-scenario-has-this-tag"));
            Assert.That(output, Does.Not.Contain("every MUST passed"));
        });
    }

    [Test]
    public void APartialRunSaysHowManyRequirementsWereInScopeAndIsNotConforming()
    {
        var outDir = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("run", "--tags", "INT-INTL-004", "--out", outDir);

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        var summary = report.RootElement.GetProperty("summary");
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(output, Does.Contain("every MUST in scope passed (1 of ").And.Contain("not a conformance verdict"));
            Assert.That(summary.GetProperty("conforming").GetBoolean(), Is.False);
            Assert.That(summary.GetProperty("inScope").GetInt32(), Is.EqualTo(1));
            Assert.That(summary.GetProperty("fullScope").GetBoolean(), Is.False);
        });
    }

    [Test]
    public void AnIncompletePicsIsAConfigurationErrorListingTheUnansweredCodes()
    {
        var target = Path.Combine(TestOutput.NewDirectory(), "incomplete.json");
        var pics = TestPics.All(present: true);
        pics.Remove("LAB-RPT");
        pics.Remove("WARN-FLS");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "labelling and warning codes left out",
            ["adapter"] = "target-file",
            ["realms"] = new { international = "127.0.0.1:9" },
            ["pics"] = pics,
        }));

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", TestOutput.NewDirectory());

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2), output);
            Assert.That(output, Does.Contain("unanswered: LAB-RPT, WARN-FLS").And.Contain("pics init --from"));
        });
    }

    [Test]
    public void PicsInitCompletesATargetsProformaWithItsQuestionsAndTheRunTakesItOnceAnswered()
    {
        var folder = TestOutput.NewDirectory();
        var target = Path.Combine(folder, "partial.json");
        File.WriteAllText(target, """
            { "description": "a system with signalling only", "adapter": "target-file",
              "realms": { "international": "127.0.0.1:9" }, "pics": { "INT-INTL": true, "LAB-RPT": false } }
            """);
        var completed = Path.Combine(folder, "completed.json");

        var (exit, output) = CliProcess.Run("pics", "init", "--from", target, "--out", completed);
        var text = File.ReadAllText(completed);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(text, Does.Contain("\"INT-INTL\": true").And.Contain("\"LAB-RPT\": false").And.Contain("\"WARN-FLS\": null"));
            Assert.That(text, Does.Contain("// LAB-APL: does the system implement").And.Contain("Requires LAB-RPT and LAB-LKP"));
            Assert.That(text, Does.Contain("\"description\": \"a system with signalling only\""), "the target's other keys are kept");
        });

        File.WriteAllText(completed, text.Replace("null", "false", StringComparison.Ordinal));
        var (answeredExit, answeredOutput) = CliProcess.Run("run", "--target", completed, "--tags", "INT-INTL-004", "--out", TestOutput.NewDirectory());
        Assert.That(answeredOutput, Does.Not.Contain("unanswered"), "every code is answered now");
        Assert.That(answeredExit, Is.EqualTo(3), "nothing listens at 127.0.0.1:9: inconclusive, not a configuration error\n" + answeredOutput);
    }
}
