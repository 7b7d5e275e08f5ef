using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>
/// Each signalling profile other than atis-603plus (the default, run by every other full run) runs end to end against
/// the embedded reference: every MUST passes, and the report names the profile the interceptions were judged by.
/// </summary>
public sealed class SignallingProfileRunTests
{
    private static readonly string Targets = Path.Combine(AppContext.BaseDirectory, "targets");

    [TestCase("reference-rfc8688.json", "rfc8688")]
    [TestCase("reference-rfc8197-lab-parameters.json", "rfc8197")]
    public void A_full_run_under_the_profile_passes_every_must(string targetFile, string profile)
    {
        var outDir = TestOutput.NewDirectory();

        var (exit, output) = CliProcess.Run("run", "--target", Path.Combine(Targets, targetFile), "--out", outDir);

        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("every MUST passed"), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        var root = report.RootElement;
        Assert.That(root.GetProperty("target").GetProperty("signallingProfile").GetString(), Is.EqualTo(profile));
        var musts = root.GetProperty("requirements").EnumerateArray().Where(r => r.GetProperty("level").GetString() == "MUST").ToList();
        var notPassed = musts.Where(r => r.GetProperty("verdict").GetString() != "passed")
            .Select(r => $"{r.GetProperty("id").GetString()}: {r.GetProperty("verdict").GetString()}").ToList();
        Assert.That(musts, Is.Not.Empty);
        Assert.That(notPassed, Is.Empty, $"under {profile}, MUST requirements not passed:\n{output}");
        Assert.That(TestOutput.Verdict(root, "INT-SIG-001"), Is.EqualTo("passed"), "the profile's own blocking response was judged");
    }
}
