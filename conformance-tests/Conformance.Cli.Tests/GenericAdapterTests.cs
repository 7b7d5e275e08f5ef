using System.Text.Json;
using Conformance.Harness.Adapters;

namespace Conformance.Cli.Tests;

/// <summary>
/// A vendor with the standard management API needs only a target file: the reference node is started here, apart
/// from the suite, and the `conformance` command reaches it through the generic adapter as it would a vendor's system.
/// </summary>
public sealed class GenericAdapterTests
{
    private const string TokenVariable = "EXAMPLE_SUT_API_TOKEN";

    [Test]
    public async Task TheWholeSuitePassesAgainstTheReferenceStartedElsewhereThroughTheGenericAdapter()
    {
        var outDir = TestOutput.NewDirectory();
        var terminating = FreePort.Udp();
        // A vendor's system is configured to send warnings to fixed addresses; the target file tells the suite where to listen.
        var smsc = FreePort.Tcp();
        var push = FreePort.Tcp();
        await using var node = ReferenceNode.Create(new WarningPeers(smsc, new Uri($"http://{push}/push")));
        var endpoints = await node.StartAsync(terminating, CancellationToken.None);
        // The node refuses every management call without a key of the right roles: the suite must send the one the variable holds.
        var token = endpoints.ManagementToken!;
        var target = Path.Combine(TestOutput.NewDirectory(), "vendor-target.json");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "Reference node run as if it were a vendor's system",
            ["adapter"] = "generic",
            ["vendor"] = "Example Vendor",
            ["realms"] = endpoints.Realms.ToDictionary(r => r.Key, r => r.Value.ToString()),
            ["peers"] = new { terminating = terminating.ToString(), smsc = smsc.ToString(), push = push.ToString() },
            ["management"] = new Dictionary<string, object>
            {
                ["url"] = endpoints.Management!.ToString(),
                ["tokenVariable"] = TokenVariable,
                ["roleTokenVariables"] = endpoints.RoleTokens.Keys.ToDictionary(role => role, role => RoleVariable(role)),
            },
            ["stir"] = Harness.Stir.SuiteStirCredentials.Shared.AsTargetSection(),
            // The node serves its public portal at the same address as its API.
            ["web"] = new { url = endpoints.Management!.ToString() },
            ["pics"] = TestPics.All(present: true),
        }));

        var (exit, output) = CliProcess.RunWith(
            endpoints.RoleTokens.ToDictionary(r => RoleVariable(r.Key), r => r.Value).Append(new KeyValuePair<string, string>(TokenVariable, token)).ToDictionary(),
            "run", "--target", target, "--out", outDir);

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        var root = report.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("target").GetProperty("adapter").GetString(), Is.EqualTo("generic"));
            Assert.That(TestOutput.Verdict(root, "INT-INTL-001"), Is.EqualTo("passed"));
            Assert.That(TestOutput.Verdict(root, "INT-INTL-005"), Is.EqualTo("passed"), "the roaming list is provisioned through the management API");
            Assert.That(TestOutput.Verdict(root, "MKT-CON-001"), Is.EqualTo("passed"), "consent, trunks and the test clock go through the management API");
            Assert.That(root.GetProperty("summary").GetProperty("conforming").GetBoolean(), Is.True);
            Assert.That(
                root.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("verdict").GetString()).Where(v => v is not "passed"),
                Is.Empty,
                "every requirement of the suite passes through the generic adapter, as it does embedded");
        });
        var leaking = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(token, StringComparison.Ordinal))
            .ToList();
        Assert.That(leaking, Is.Empty, "the management API token must appear in no file of the bundle");
    }

    private static string RoleVariable(string role) => "EXAMPLE_SUT_" + role.Replace('-', '_').ToUpperInvariant() + "_TOKEN";

    [Test]
    public void AnUnsetTokenVariableMakesTheRunInconclusiveAndNamesTheVariable()
    {
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "vendor-target.json");
        File.WriteAllText(target, """
            { "description": "token variable not exported", "adapter": "generic",
              "realms": { "international": "127.0.0.1:9" },
              "management": { "url": "http://127.0.0.1:9", "tokenVariable": "CONFORMANCE_TEST_UNSET_TOKEN" },
              "timeouts": { "responseMs": 300, "quietMs": 100 } }
            """);
        TestOutput.SetPics(target, TestPics.Complete(new Dictionary<string, bool> { ["INT-INTL"] = true }, others: false));

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir, "--tags", "INT-INTL-004");

        Assert.That(exit, Is.EqualTo(3), output);
        var report = File.ReadAllText(Path.Combine(outDir, "conformance-report.json"));
        Assert.That(report, Does.Contain("CONFORMANCE_TEST_UNSET_TOKEN"), "the reason names the variable to export");
    }
}
