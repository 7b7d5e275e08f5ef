using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>The bundle a run writes, and the commands that check and publish it: keygen, verify, publish.</summary>
public sealed class BundleCommandTests
{
    private static readonly Lazy<(string Keys, string Bundle)> SignedRun = new(() =>
    {
        var keys = TestOutput.NewDirectory();
        var (keygenExit, keygenOutput) = CliProcess.Run("keygen", "--out", keys);
        Assert.That(keygenExit, Is.EqualTo(0), keygenOutput);
        var bundle = TestOutput.NewDirectory();
        var (exit, output) = CliProcess.Run("run", "--out", bundle, "--signing-key", Path.Combine(keys, "signing-key.pem"), "--tags", "INT-INTL-004", "INT-SIG-001");
        Assert.That(exit, Is.EqualTo(0), output);
        return (keys, bundle);
    });

    [Test]
    public void ASignedRunVerifiesAgainstItsPublicKeyAndHoldsEveryPart()
    {
        var (keys, bundle) = SignedRun.Value;

        var (exit, output) = CliProcess.Run("verify", bundle, "--trusted-key", Path.Combine(keys, "signing-key.pub.pem"));

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.StartWith("intact:"));
        foreach (var file in new[] { "conformance-report.json", "messages.ndjson", "report.html", "junit.xml", "manifest.json", "manifest.sig" })
        {
            Assert.That(File.Exists(Path.Combine(bundle, file)), Is.True, file);
        }

        using var outcomes = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "scenario-outcomes.json")));
        var scenarioEvidence = Directory.GetFiles(Path.Combine(bundle, "evidence"), "*.txt").Where(f => Path.GetFileName(f) != "warnings.txt").ToList();
        Assert.That(scenarioEvidence, Has.Count.EqualTo(outcomes.RootElement.GetArrayLength()), "one evidence file per scenario, run or reported skipped");
        Assert.That(outcomes.RootElement.EnumerateArray().Count(o => o.GetProperty("verdict").GetString() != "skipped"), Is.EqualTo(2), "two scenarios ran");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(bundle, "manifest.json")));
        Assert.That(manifest.RootElement.GetProperty("signer").GetProperty("ephemeral").GetBoolean(), Is.False);
    }

    [Test]
    public void VerifyNamesTheChangedFileAndFailsWithAnotherTrustedKey()
    {
        var (_, bundle) = SignedRun.Value;
        var copy = TestOutput.NewDirectory();
        foreach (var file in Directory.GetFiles(bundle, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(bundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.AppendAllText(Path.Combine(copy, "junit.xml"), " ");
        var otherKeys = TestOutput.NewDirectory();
        CliProcess.Run("keygen", "--out", otherKeys);

        var (exit, output) = CliProcess.Run("verify", copy, "--trusted-key", Path.Combine(otherKeys, "signing-key.pub.pem"));

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("junit.xml: SHA-256").And.Contain("not by the trusted key"));
    }

    [Test]
    public void PublishLeavesOutATamperedBundleAndSaysWhy()
    {
        var (_, bundle) = SignedRun.Value;
        var tampered = TestOutput.NewDirectory();
        foreach (var file in Directory.GetFiles(bundle, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(tampered, Path.GetRelativePath(bundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(tampered, "conformance-report.json"), File.ReadAllText(Path.Combine(bundle, "conformance-report.json")).Replace("\"failed\"", "\"passed\"", StringComparison.Ordinal) + " ");
        var site = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("publish", bundle, tampered, "--out", site);

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("NOT intact: " + tampered).And.Contain("conformance-report.json: SHA-256"));
        Assert.That(Directory.GetDirectories(Path.Combine(site, "systems")), Has.Length.EqualTo(1));
    }

    [Test]
    public void AnUnknownPicsCodeIsRefusedBeforeTheRun()
    {
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "pics.json");
        File.WriteAllText(target, """{ "description": "x", "adapter": "reference", "pics": { "INT-INTL": true, "LAB-NOPE": true } }""");

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir);

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("LAB-NOPE").And.Contain("spec/pics.yaml"));
        Assert.That(File.Exists(Path.Combine(outDir, "conformance-report.json")), Is.False);
    }

    [Test]
    public void AnUnknownProfileIsAUsageError()
    {
        var (exit, output) = CliProcess.Run("run", "--profile", "nonsense", "--out", TestOutput.NewDirectory());

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--profile nonsense").And.Contain("interception"));
    }

    [Test]
    public void RerunFailedRunsOnlyWhatFailedBefore()
    {
        var first = TestOutput.NewDirectory();
        var mutant = Path.Combine(AppContext.BaseDirectory, "targets", "mutant-no-international-rule.json");
        var (firstExit, firstOutput) = CliProcess.Run("run", "--target", mutant, "--out", first, "--tags", "INT-INTL-002", "INT-INTL-004");
        Assert.That(firstExit, Is.EqualTo(1), firstOutput);
        var second = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("run", "--target", mutant, "--out", second, "--rerun-failed", first);

        Assert.That(exit, Is.EqualTo(1), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(second, "conformance-report.json")));
        var requirements = report.RootElement.GetProperty("requirements").EnumerateArray().ToList();
        var ran = requirements
            .Where(r => r.GetProperty("scenarios").EnumerateArray().Any(s => s.GetProperty("verdict").GetString() != "skipped"))
            .Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.That(ran, Is.EqualTo(new[] { "INT-INTL-002" }));
        var leftOut = requirements.Single(r => r.GetProperty("id").GetString() == "INT-SIG-001");
        Assert.That(leftOut.GetProperty("verdict").GetString(), Is.EqualTo("skipped"));
        Assert.That(leftOut.GetProperty("scenarios")[0].GetProperty("message").GetString(), Does.Contain("filtered out"));
        Assert.That(report.RootElement.GetProperty("selection").GetProperty("rerunOf").GetString(), Is.EqualTo(first));
    }
}
