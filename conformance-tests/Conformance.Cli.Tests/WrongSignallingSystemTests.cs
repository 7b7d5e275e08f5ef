using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>
/// The interception-signalling checks fail a system that answers 603 yet forwards under a new Call-ID, repeats its
/// final response after the ACK, and relays what is not SIP: each for its own reason, through `conformance run`.
/// </summary>
public sealed class WrongSignallingSystemTests
{
    [Test]
    public async Task Forwarding_under_a_new_call_id_ignoring_the_ack_and_relaying_garbage_each_fail()
    {
        var outDir = TestOutput.NewDirectory();
        var callee = FreePort.Udp();
        await using var system = new WrongSignallingSystem(callee);
        var target = Path.Combine(TestOutput.NewDirectory(), "wrong-system.json");
        var pics = CompleteProforma().ToDictionary(code => code, code => code == "INT-SIG");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "A system that answers 603 yet forwards, ignores ACKs and relays garbage",
            ["adapter"] = "target-file",
            ["signallingProfile"] = "atis-603plus",
            ["realms"] = new Dictionary<string, string> { ["access"] = system.EndPoint.ToString(), ["interconnect"] = system.EndPoint.ToString(), ["international"] = system.EndPoint.ToString() },
            ["peers"] = new { terminating = callee.ToString() },
            ["timeouts"] = new { responseMs = 2000, quietMs = 300 },
            ["pics"] = pics,
        }));

        var (_, output) = CliProcess.Run("run", "--target", target, "--out", outDir, "--tags", "INT-SIG-001", "INT-SIG-002", "INT-SIG-003");

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        var root = report.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(TestOutput.Verdict(root, "INT-SIG-001"), Is.EqualTo("failed"), output);
            Assert.That(Messages(root, "INT-SIG-001"), Has.Some.Contains("under any Call-ID"), output);
            Assert.That(TestOutput.Verdict(root, "INT-SIG-002"), Is.EqualTo("failed"), output);
            Assert.That(Messages(root, "INT-SIG-002"), Has.Some.Contains("Timer G"), output);
            Assert.That(TestOutput.Verdict(root, "INT-SIG-003"), Is.EqualTo("failed"), output);
            Assert.That(Messages(root, "INT-SIG-003"), Has.Some.Contains("must be dropped or refused"), output);
        });
    }

    private static IEnumerable<string> Messages(JsonElement report, string id) =>
        TestOutput.Requirement(report, id).GetProperty("scenarios").EnumerateArray()
            .Select(s => s.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty);

    private static IEnumerable<string> CompleteProforma()
    {
        var pics = Path.Combine(AppContext.BaseDirectory, "spec", "pics.yaml");
        return File.ReadLines(pics).Select(l => l.Trim()).Where(l => l.StartsWith("- code:", StringComparison.Ordinal)).Select(l => l["- code:".Length..].Trim());
    }
}
