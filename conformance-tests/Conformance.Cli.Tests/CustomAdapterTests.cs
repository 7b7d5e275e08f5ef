using System.Text.Json;
using ExampleVendorAdapter.Simulation;

namespace Conformance.Cli.Tests;

/// <summary>
/// A vendor whose API is shaped differently plugs in its own adapter assembly: the worked example in
/// fixtures/ExampleVendorAdapter maps the standard operations onto the simulated Acme API, and the suite passes
/// through it. Without the mapping (the generic adapter pointed at the Acme API) the same scenarios cannot pass.
/// </summary>
public sealed class CustomAdapterTests
{
    private const string KeyVariable = "ACME_API_KEY";
    private const string Key = "acme-key-5d1e-not-for-reports";
    private static readonly string[] Tags = ["--tags", "INT-INTL-005", "MKT-CON-001"];

    [Test]
    public async Task TheExampleAdapterMapsTheStandardOperationsOntoTheAcmeApi()
    {
        var outDir = TestOutput.NewDirectory();
        var terminating = FreePort.Udp();
        await using var acme = new SimulatedAcmeSystem(ReferenceNode.Create());
        await acme.StartAsync(terminating, Key);
        var target = WriteTarget(Path.Combine(AppContext.BaseDirectory, "ExampleVendorAdapter.dll"), acme, terminating);

        var (exit, output) = CliProcess.RunWith(new Dictionary<string, string> { [KeyVariable] = Key }, ["run", "--target", target, "--out", outDir, .. Tags]);

        Assert.That(exit, Is.EqualTo(0), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        Assert.Multiple(() =>
        {
            Assert.That(TestOutput.Verdict(report.RootElement, "INT-INTL-005"), Is.EqualTo("passed"));
            Assert.That(TestOutput.Verdict(report.RootElement, "MKT-CON-001"), Is.EqualTo("passed"));
        });
        Assert.That(Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Where(f => File.ReadAllText(f).Contains(Key, StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task WithoutTheMappingTheSameScenariosDoNotPass()
    {
        var outDir = TestOutput.NewDirectory();
        var terminating = FreePort.Udp();
        await using var acme = new SimulatedAcmeSystem(ReferenceNode.Create());
        await acme.StartAsync(terminating, Key);
        var target = WriteTarget("generic", acme, terminating);

        var (exit, output) = CliProcess.RunWith(new Dictionary<string, string> { [KeyVariable] = Key }, ["run", "--target", target, "--out", outDir, .. Tags]);

        Assert.That(exit, Is.Not.EqualTo(0), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        Assert.That(TestOutput.Verdict(report.RootElement, "MKT-CON-001"), Is.Not.EqualTo("passed"));
    }

    [Test]
    public void AnAssemblyWithoutAnAdapterIsRefusedWithWhatIsExpected()
    {
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(TestOutput.NewDirectory(), "target.json");
        File.WriteAllText(target, JsonSerializer.Serialize(new
        {
            description = "points at an assembly holding no adapter",
            adapter = Path.Combine(AppContext.BaseDirectory, "Conformance.Reporting.dll"),
            realms = new { international = "127.0.0.1:9" },
        }));

        var (exit, output) = CliProcess.Run("run", "--target", target, "--out", outDir, "--tags", "INT-INTL-004");

        Assert.That(exit, Is.Not.EqualTo(0), output);
        Assert.That(output, Does.Contain("holds no public class implementing"));
    }

    private static string WriteTarget(string adapter, SimulatedAcmeSystem acme, System.Net.IPEndPoint terminating)
    {
        var target = Path.Combine(TestOutput.NewDirectory(), "acme-target.json");
        File.WriteAllText(target, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["description"] = "Acme screening platform (simulated over the reference node)",
            ["adapter"] = adapter,
            ["vendor"] = "Acme",
            ["realms"] = acme.Realms.ToDictionary(r => r.Key, r => r.Value.ToString()),
            ["peers"] = new { terminating = terminating.ToString() },
            ["management"] = new { url = acme.AcmeApi!.ToString(), tokenVariable = KeyVariable },
            ["pics"] = TestPics.Complete(new Dictionary<string, bool> { ["INT-INTL"] = true, ["INT-INTL-ROAM"] = true, ["AUTH-RNG"] = true, ["MKT-CON"] = true }, others: false),
        }));
        return target;
    }
}
