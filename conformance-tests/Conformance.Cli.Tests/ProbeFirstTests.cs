using System.Text.Json;
using Conformance.Harness.Adapters;

namespace Conformance.Cli.Tests;

/// <summary>The OPTIONS probe's findings are printed before the first scenario, and a realm that does not answer does not stop a run that others answer.</summary>
public sealed class ProbeFirstTests
{
    [Test]
    public async Task AProbeFindingIsPrintedBeforeTheFirstScenarioAndTheRunGoesOn()
    {
        var terminating = FreePort.Udp();
        var smsc = FreePort.Tcp();
        var push = FreePort.Tcp();
        await using var node = ReferenceNode.Create(new WarningPeers(smsc, new Uri($"http://{push}/push")));
        var endpoints = await node.StartAsync(terminating, CancellationToken.None);
        var realms = endpoints.Realms.ToDictionary(r => r.Key, r => r.Value.ToString());
        realms["access"] = FreePort.Udp().ToString();
        var target = Path.Combine(TestOutput.NewDirectory(), "one-realm-silent.json");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "Reference node started apart, its access realm's address wrong",
            ["adapter"] = "target-file",
            ["realms"] = realms,
            ["peers"] = new { terminating = terminating.ToString(), smsc = smsc.ToString(), push = push.ToString() },
            ["management"] = new { url = endpoints.Management!.ToString() },
            ["pics"] = TestPics.All(present: true),
        }));

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", TestOutput.NewDirectory(), "--tags", "INT-INTL-004");

        Assert.That(exit, Is.EqualTo(0), output);
        var lines = output.Split('\n').ToList();
        var probe = lines.FindIndex(l => l.StartsWith("OPTIONS probe: access", StringComparison.Ordinal));
        var firstScenario = lines.FindIndex(l => l.StartsWith("  [  1]", StringComparison.Ordinal));
        Assert.That(probe, Is.Not.Negative, output);
        Assert.That(firstScenario, Is.GreaterThan(probe), "the probe's findings come before the first scenario");
        Assert.That(lines, Has.None.StartsWith("stopped:"), "other realms answered, so the run went on");
    }
}
