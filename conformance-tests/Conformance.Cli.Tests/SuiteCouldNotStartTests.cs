using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>
/// A run whose own set-up fails before the OPTIONS probe (here: the suite's SMSC cannot take the port the target file
/// gives it) says why, on the console and in every selected scenario's verdict, instead of ending with no scenario
/// and no reason.
/// </summary>
public sealed class SuiteCouldNotStartTests
{
    [Test]
    public void ASuitePeerWhosePortIsTakenStopsTheRunNamingTheTargetFilesField()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = (IPEndPoint)holder.LocalEndpoint;
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "smsc-port-taken.json");
        File.WriteAllText(target, $$"""
            { "description": "the suite's SMSC port is held by another program", "adapter": "target-file",
              "realms": { "access": "127.0.0.1:9", "interconnect": "127.0.0.1:9", "international": "127.0.0.1:9" },
              "peers": { "smsc": "{{taken}}" },
              "timeouts": { "responseMs": 300, "quietMs": 100 } }
            """);
        TestOutput.SetPics(target, TestPics.All(present: true));

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir, "--tags", "INT-INTL-004");

        Assert.That(exit, Is.EqualTo(3), output);
        var said = output.Split('\n').Where(l => l.StartsWith("suite set-up failed: ", StringComparison.Ordinal)).ToList();
        Assert.That(said, Has.Count.EqualTo(1), output);
        Assert.That(said[0], Does.Contain($"$.peers.smsc: the suite cannot listen on {taken}"));
        Assert.That(output, Does.Contain("the suite could not start"));
        using var outcomes = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "scenario-outcomes.json")));
        var selected = outcomes.RootElement.EnumerateArray().Where(o => o.GetProperty("verdict").GetString() != "skipped").ToList();
        Assert.That(selected, Is.Not.Empty, "the selected scenarios are in the bundle");
        Assert.That(selected.Select(o => o.GetProperty("verdict").GetString()), Has.All.EqualTo("inconclusive"));
        Assert.That(selected.Select(o => o.GetProperty("message").GetString()),
            Has.All.StartWith("not run: the suite's set-up failed: ").And.All.Contains("$.peers.smsc"));
    }
}
