using System.Net.Http.Json;
using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>
/// A system without the standard management API: the lab provisions a do-not-originate number and a roaming subscriber
/// by hand and names them under $.pixit, and the scenarios that need them are judged instead of being inconclusive.
/// </summary>
public sealed class PixitTests
{
    [Test]
    public async Task NumbersTheLabProvisionedByHandLetListScenariosBeJudgedWithoutTheManagementApi()
    {
        var terminating = FreePort.Udp();
        await using var node = ReferenceNode.Create();
        var endpoints = await node.StartAsync(terminating, CancellationToken.None);
        // The lab's own provisioning, out of the suite's sight.
        using (var http = new HttpClient { BaseAddress = endpoints.Management })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", endpoints.ManagementToken);
            (await http.PostAsJsonAsync("/v1/do-not-originate", new { numbers = new[] { "13812345678" } })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync("/v1/roaming", new { numbers = new[] { "13987654321" } })).EnsureSuccessStatusCode();
        }

        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "signalling-only.json");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "Reference node seen through its signalling only",
            ["adapter"] = "target-file",
            ["realms"] = endpoints.Realms.ToDictionary(r => r.Key, r => r.Value.ToString()),
            ["peers"] = new { terminating = terminating.ToString() },
            ["pixit"] = new { doNotOriginate = "13812345678", roaming = "13987654321" },
            ["pics"] = TestPics.All(present: true),
        }));

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir, "--tags", "INT-NUM-003", "INT-INTL-005");

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(TestOutput.Verdict(report.RootElement, "INT-NUM-003"), Is.EqualTo("passed"), output);
            Assert.That(TestOutput.Verdict(report.RootElement, "INT-INTL-005"), Is.EqualTo("passed"), output);
        });
    }
}
