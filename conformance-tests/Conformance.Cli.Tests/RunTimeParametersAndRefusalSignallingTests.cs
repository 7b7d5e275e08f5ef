using System.Text.Json;
using Conformance.Harness.Adapters;

namespace Conformance.Cli.Tests;

/// <summary>
/// The target file's parameters reach a system started elsewhere through PUT /v1/parameters, and the rfc8197
/// profile answers 607 to the callee's own refusals only, both end to end through `conformance run`.
/// </summary>
public sealed class RunTimeParametersAndRefusalSignallingTests
{
    private static readonly string Targets = Path.Combine(AppContext.BaseDirectory, "targets");

    [Test]
    public async Task ALabsParametersArePutInForceOnANodeStartedWithItsOwnDefaults()
    {
        var outDir = TestOutput.NewDirectory();
        var terminating = FreePort.Udp();
        // Started with the defaults (bombing limit 10); only the run-start push can bring the lab's limit of 4.
        await using var node = ReferenceNode.Create();
        var endpoints = await node.StartAsync(terminating, CancellationToken.None);
        var target = Path.Combine(TestOutput.NewDirectory(), "lab-target.json");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "Reference node started elsewhere, with a lab's own parameters",
            ["adapter"] = "generic",
            ["pics"] = TestPics.All(present: true),
            ["realms"] = endpoints.Realms.ToDictionary(r => r.Key, r => r.Value.ToString()),
            ["peers"] = new { terminating = terminating.ToString() },
            ["management"] = new { url = endpoints.Management!.ToString(), tokenVariable = "LAB_API_TOKEN" },
            ["parameters"] = new { bombingLimit = 4, bombingWindowSeconds = 120, marketingShortLimit = 2, marketingDailyLimit = 3, callingHours = "09:00-18:00", consentRetentionDays = 30 },
        }));

        var (exit, output) = CliProcess.RunWith(
            new Dictionary<string, string> { ["LAB_API_TOKEN"] = endpoints.ManagementToken! },
            "run", "--target", target, "--out", outDir, "--tags", "INT-PAR-001", "INT-PAR-002", "INT-BOMB-001", "MKT-CON-004");

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        Assert.Multiple(() =>
        {
            foreach (var id in new[] { "INT-PAR-001", "INT-PAR-002", "INT-BOMB-001", "MKT-CON-004" })
            {
                Assert.That(TestOutput.Verdict(report.RootElement, id), Is.EqualTo("passed"), $"{id}\n{output}");
            }
        });
    }

    [Test]
    public void UnderTheRfc8197ProfileRefusalsGet607AndNetworkBlocksDoNot()
    {
        var outDir = TestOutput.NewDirectory();
        string[] ids = ["INT-SIG-001", "INT-SIG-004", "INT-SIG-005", "MKT-REF-001", "MKT-REF-002", "MKT-CON-002"];

        var (exit, output) = CliProcess.Run(["run", "--target", Path.Combine(Targets, "reference-rfc8197-lab-parameters.json"), "--out", outDir, "--tags", .. ids]);

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        Assert.Multiple(() =>
        {
            foreach (var id in ids)
            {
                Assert.That(TestOutput.Verdict(report.RootElement, id), Is.EqualTo("passed"), $"{id}\n{output}");
            }
        });
    }
}
