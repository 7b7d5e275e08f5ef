using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>The main job end to end, and the proof that its verdicts can fail.</summary>
public sealed class RunCommandTests
{
    private static readonly string Targets = Path.Combine(AppContext.BaseDirectory, "targets");

    [Test]
    public void TheEmbeddedReferencePassesEveryMustAndTheReportSaysSo()
    {
        var outDir = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("run", "--out", outDir);

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = ReadReport(outDir);
        var root = report.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("specHash").GetString(), Does.StartWith("sha256:"));
            Assert.That(root.GetProperty("suite").GetProperty("version").GetString(), Is.Not.Empty);
            Assert.That(root.GetProperty("target").GetProperty("adapter").GetString(), Is.EqualTo("reference"));
            Assert.That(root.GetProperty("summary").GetProperty("conforming").GetBoolean(), Is.True);
            Assert.That(TestOutput.Verdict(root, "INT-INTL-001"), Is.EqualTo("passed"));
            Assert.That(Scenarios(root, "INT-INTL-001"), Is.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public void ANodeThatForwardsCallsFromAbroadFailsTheRequirement()
    {
        var outDir = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("run", "--target", Path.Combine(Targets, "mutant-no-international-rule.json"), "--out", outDir);

        Assert.That(exit, Is.EqualTo(1), output);
        var lines = output.Split('\n');
        var failedLines = lines.Where(l => l.Contains("] failed ", StringComparison.Ordinal)).ToList();
        Assert.That(failedLines, Is.Not.Empty.And.All.Match(@" — .*expected .+, but was "), "each failed line says why");
        var tally = lines.SkipWhile(l => !l.StartsWith("most common reasons", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.That(tally, Is.Not.Empty, output);
        Assert.That(tally[0], Does.Match(@"^\s+\d+ × .*603"), "the commonest reason first, with its count");
        using var report = ReadReport(outDir);
        Assert.Multiple(() =>
        {
            Assert.That(TestOutput.Verdict(report.RootElement, "INT-INTL-001"), Is.EqualTo("failed"));
            Assert.That(TestOutput.Verdict(report.RootElement, "INT-INTL-002"), Is.EqualTo("failed"));
            Assert.That(TestOutput.Verdict(report.RootElement, "INT-INTL-003"), Is.EqualTo("passed"), "foreign numbers are still forwarded by the mutant");
        });
    }

    [Test]
    public void ASystemThatIsNotThereStopsTheRunAtOnceAndIsInconclusiveNotFailed()
    {
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "absent.json");
        File.WriteAllText(target, """
            { "description": "nothing listens here", "adapter": "target-file",
              "realms": { "access": "127.0.0.1:9", "interconnect": "127.0.0.1:9", "international": "127.0.0.1:9" },
              "timeouts": { "responseMs": 300, "quietMs": 100 } }
            """);
        TestOutput.SetPics(target, TestPics.All(present: true));

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir, "--tags", "INT-INTL-004", "INT-INTL-001");

        Assert.That(exit, Is.EqualTo(3), output);
        using var report = ReadReport(outDir);
        Assert.That(TestOutput.Verdict(report.RootElement, "INT-INTL-004"), Is.EqualTo("inconclusive"));
        var probes = report.RootElement.GetProperty("optionsProbe").EnumerateArray().ToList();
        Assert.That(probes.Select(p => p.GetProperty("realm").GetString()), Is.EquivalentTo(new[] { "access", "interconnect", "international" }));
        Assert.That(probes.Select(p => p.GetProperty("note").GetString()), Has.All.Contains("did not answer OPTIONS within 300 ms"));
        Assert.That(output, Does.Contain("OPTIONS probe:").And.Contain("did not answer OPTIONS"));
        Assert.That(File.Exists(Path.Combine(outDir, "options-probe.json")), Is.False, "the hand-off file is not left in the bundle");

        // One line says what did not answer, and no scenario waited out its own time-outs.
        var stopLines = output.Split('\n').Where(l => l.StartsWith("stopped: ", StringComparison.Ordinal)).ToList();
        Assert.That(stopLines, Has.Count.EqualTo(1), output);
        Assert.That(stopLines[0], Does.Contain("no realm answered SIP OPTIONS within 300 ms").And.Contain("international 127.0.0.1:9"));
        using var outcomes = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "scenario-outcomes.json")));
        var selected = outcomes.RootElement.EnumerateArray().Where(o => o.GetProperty("verdict").GetString() != "skipped").ToList();
        Assert.That(selected, Is.Not.Empty);
        Assert.That(selected.Select(o => o.GetProperty("message").GetString()), Has.All.StartWith("not run: no realm answered SIP OPTIONS"));
        Assert.That(selected.SelectMany(o => o.GetProperty("evidence").EnumerateArray()), Is.Empty, "no scenario sent anything");
    }

    [Test]
    public void TheOptionsProbeFindsTheReferenceRealmsInAgreementWithThePics()
    {
        var outDir = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("run", "--out", outDir, "--tags", "INT-INTL-004");

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = ReadReport(outDir);
        var probes = report.RootElement.GetProperty("optionsProbe").EnumerateArray().ToList();
        Assert.That(probes, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(probes.Select(p => p.GetProperty("answered").GetBoolean()), Has.All.True);
            Assert.That(probes.Select(p => p.GetProperty("warnings").GetArrayLength()), Has.All.EqualTo(0));
            Assert.That(probes[0].GetProperty("allow").EnumerateArray().Select(a => a.GetString()), Does.Contain("INVITE").And.Contain("CANCEL"));
            Assert.That(output, Does.Not.Contain("OPTIONS probe:"));
        });
    }

    [Test]
    public void KnownDeviationsNamedByTheTargetFileReachTheReportAndTheCommandLineOverridesThem()
    {
        var outDir = TestOutput.NewDirectory();
        File.WriteAllText(Path.Combine(outDir, "known.json"), """{ "deviations": [ { "requirement": "INT-INTL-004", "reason": "named by the target file" } ] }""");
        File.WriteAllText(Path.Combine(outDir, "other.json"), """{ "deviations": [ { "requirement": "INT-INTL-004", "reason": "named on the command line" } ] }""");
        var target = Path.Combine(outDir, "target.json");
        // The response wait is generous: the first call reaches a node that has just started, and this test is about
        // where deviations come from, not about how soon a node answers.
        File.WriteAllText(target, """{ "description": "reference with deviations", "adapter": "reference", "deviations": "known.json", "timeouts": { "responseMs": 10000 } }""");

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", Path.Combine(outDir, "run1"), "--tags", "INT-INTL-004");
        var (exit2, output2) = CliProcess.Run("run", "--target", target, "--out", Path.Combine(outDir, "run2"), "--tags", "INT-INTL-004", "--deviations", Path.Combine(outDir, "other.json"));

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(exit2, Is.EqualTo(0), output2);
        using var first = ReadReport(Path.Combine(outDir, "run1"));
        using var second = ReadReport(Path.Combine(outDir, "run2"));
        Assert.Multiple(() =>
        {
            Assert.That(Deviation(first.RootElement, "INT-INTL-004"), Is.EqualTo("named by the target file"));
            Assert.That(Deviation(second.RootElement, "INT-INTL-004"), Is.EqualTo("named on the command line"));
        });
    }

    [Test]
    public void TheReportTextLimitAndAppealDeadlineOfTheTargetFileReachTheReferenceAndTheScenarios()
    {
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "lab.json");
        File.WriteAllText(target, """
            { "description": "reference with a lab's text limit and appeal deadline", "adapter": "reference",
              "parameters": { "reportTextLimit": 40, "appealDeadlineDays": 2 } }
            """);

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir, "--tags", "LAB-RPT-002", "LAB-APL-003", "LAB-APL-004");

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = ReadReport(outDir);
        Assert.Multiple(() =>
        {
            Assert.That(TestOutput.Verdict(report.RootElement, "LAB-RPT-002"), Is.EqualTo("passed"), "41 characters refused and 40 accepted: the node has the lab's limit");
            Assert.That(TestOutput.Verdict(report.RootElement, "LAB-APL-003"), Is.EqualTo("passed"), "the deadline is 2 days after filing");
            Assert.That(TestOutput.Verdict(report.RootElement, "LAB-APL-004"), Is.EqualTo("passed"));
        });
    }

    [Test]
    public void ABadTargetFileStopsTheRunWithUsageExitCode()
    {
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "bad.json");
        File.WriteAllText(target, """{ "description": "x", "adapter": "reference", "realm": {} }""");

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir);

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("$.realm").And.Contain("not a known key"));
    }

    private static string? Deviation(JsonElement root, string id) =>
        root.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id)
            .TryGetProperty("knownDeviation", out var reason) ? reason.GetString() : null;

    private static JsonDocument ReadReport(string outDir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));

    private static int Scenarios(JsonElement root, string id) => TestOutput.Requirement(root, id).GetProperty("scenarios").GetArrayLength();
}
