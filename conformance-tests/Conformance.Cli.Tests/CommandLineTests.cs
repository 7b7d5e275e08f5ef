using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>What a lab's scripts rely on: usage errors exit 2, an occupied --out is refused, `run --help` says what the codes and values mean.</summary>
public sealed class CommandLineTests
{
    [TestCase("run", "--no-such-option")]
    [TestCase("run", "--seed")]
    [TestCase("run", "--seed", "twelve")]
    [TestCase("no-such-command")]
    [TestCase("verify")]
    public void AMistypedCommandLineExitsTwoAndPointsAtTheHelp(params string[] args)
    {
        var (exit, output) = CliProcess.Run(args);

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--help"));
        Assert.That(output, Does.Not.Contain("Conformance suite"), "no run started");
    }

    [Test]
    public void RunHelpListsTheExitCodesAndValueFormats()
    {
        var (exit, output) = CliProcess.Run("run", "--help");

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Exit codes:"));
        foreach (var code in new[] { "0 ", "1 ", "2 ", "3 ", "130 " })
        {
            Assert.That(output, Does.Match($@"\n\s+{code}\s*\S"), $"exit code {code}");
        }

        Assert.That(output, Does.Contain("ip:port").And.Contain("milliseconds").And.Contain("--force").And.Contain("yyyyMMddTHHmmssZ"));
    }

    [Test]
    public void AnOutFolderThatHoldsFilesIsRefusedUnlessForcedAndForceEmptiesIt()
    {
        var outDir = TestOutput.NewDirectory();
        Directory.CreateDirectory(Path.Combine(outDir, "evidence"));
        File.WriteAllText(Path.Combine(outDir, "evidence", "999-stale.txt"), "left by another run");
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "the lab's own notes");

        var (refusedExit, refusedOutput) = CliProcess.Run("run", "--out", outDir, "--tags", "INT-INTL-004");

        Assert.That(refusedExit, Is.EqualTo(2), refusedOutput);
        Assert.That(refusedOutput, Does.Contain(outDir).And.Contain("--force").And.Contain("not empty"));
        Assert.That(File.Exists(Path.Combine(outDir, "conformance-report.json")), Is.False, "nothing was written");

        var (exit, output) = CliProcess.Run("run", "--out", outDir, "--force", "--tags", "INT-INTL-004");

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(File.Exists(Path.Combine(outDir, "evidence", "999-stale.txt")), Is.False, "the earlier run's evidence is gone");
        Assert.That(File.Exists(Path.Combine(outDir, "notes.txt")), Is.False, "a bundle folder holds the bundle alone, or it does not verify");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.That(files, Has.None.Contains("stale").And.None.Contains("notes"));
        var (verifyExit, verifyOutput) = CliProcess.Run("verify", outDir);
        Assert.That(verifyExit, Is.EqualTo(0), verifyOutput);
    }

    [Test]
    public void ForceNeverEmptiesTheFolderTheCommandRunsIn()
    {
        var (exit, output) = CliProcess.Run("run", "--out", AppContext.BaseDirectory, "--force", "--tags", "INT-INTL-004");

        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("--force"));
        Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "conformance.dll")), Is.True);
    }
}
