using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>
/// A lab runs the suite again and again against one long-lived system: each run draws fresh data from its own seed,
/// so it never meets an earlier run's enterprises, trunks and numbers; a replayed seed meets them, and the refused
/// setup is inconclusive, never a failure of the system.
/// </summary>
public sealed class RepeatableRunsTests
{
    // The requirements whose scenarios provision enterprises, trunks, consents and lists: those a second run with the same data would collide on.
    private static readonly string[] Provisioning = ["AUTH-RNG-002", "AUTH-RNG-003", "MKT-CON-001", "MKT-REF-001", "INT-NUM-003", "INT-INTL-005"];

    [Test]
    public async Task RunsAgainstOneLongLivedSystemAreIndependentAndAReplayedSeedIsInconclusiveNotFailed()
    {
        var terminating = FreePort.Udp();
        await using var node = ReferenceNode.Create();
        var endpoints = await node.StartAsync(terminating, CancellationToken.None);
        var target = Path.Combine(TestOutput.NewDirectory(), "long-lived.json");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "One reference node kept running across runs",
            ["adapter"] = "generic",
            ["realms"] = endpoints.Realms.ToDictionary(r => r.Key, r => r.Value.ToString()),
            ["peers"] = new { terminating = terminating.ToString() },
            ["management"] = new { url = endpoints.Management!.ToString(), tokenVariable = TokenVariable },
            ["web"] = new { url = endpoints.Management!.ToString() },
            ["pics"] = TestPics.All(present: true),
        }));

        var token = endpoints.ManagementToken!;
        var first = Run(target, token);
        var second = Run(target, token);
        var replay = Run(target, token, "--seed", first.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Multiple(() =>
        {
            Assert.That(first.Exit, Is.EqualTo(0), first.Output);
            Assert.That(second.Exit, Is.EqualTo(0), second.Output);
            Assert.That(second.Seed, Is.Not.EqualTo(first.Seed), "each run draws its own seed");
            Assert.That(second.Verdicts, Is.EqualTo(first.Verdicts), "the same system gives the same verdicts run after run");
            Assert.That(replay.Seed, Is.EqualTo(first.Seed));
            Assert.That(replay.Exit, Is.EqualTo(3), "the replay meets the first run's data: its setup is refused\n" + replay.Output);
            Assert.That(replay.Verdicts.Values, Has.None.EqualTo("failed"), "a refused setup is not the system's failure\n" + replay.Output);
            Assert.That(replay.Report, Does.Contain("the system refused the scenario"));
        });
    }

    private const string TokenVariable = "REPEATABLE_RUNS_API_TOKEN";

    private static (int Exit, string Output, int Seed, Dictionary<string, string> Verdicts, string Report) Run(string target, string token, params string[] extra)
    {
        var outDir = Path.Combine(TestOutput.NewDirectory(), "bundle");
        var args = new List<string> { "run", "--target", target, "--out", outDir, "--tags" };
        args.AddRange(Provisioning);
        args.AddRange(extra);
        var (exit, output) = CliProcess.RunWith(new Dictionary<string, string> { [TokenVariable] = token }, [.. args]);
        var text = File.ReadAllText(Path.Combine(outDir, "conformance-report.json"));
        using var report = JsonDocument.Parse(text);
        var verdicts = report.RootElement.GetProperty("requirements").EnumerateArray()
            .Where(r => Provisioning.Contains(r.GetProperty("id").GetString()))
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("verdict").GetString()!);
        return (exit, output, report.RootElement.GetProperty("seed").GetInt32(), verdicts, text);
    }
}
