using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>
/// Each screening rule of the reference, switched off, must make the requirements it guards fail: the proof that
/// the suite's scenarios for those requirements can fail at all. The table in reference/README.md lists the same.
/// </summary>
public sealed class MutantTests
{
    [TestCase("caller-authentication", "AUTH-RNG-002", "AUTH-RNG-003", "AUTH-RNG-004")]
    [TestCase("non-standard-number", "INT-NUM-001")]
    [TestCase("do-not-originate", "INT-NUM-003")]
    [TestCase("one-ring", "INT-ONE-001")]
    [TestCase("bombing", "INT-BOMB-001")]
    [TestCase("marketing-consent", "MKT-CON-002")]
    [TestCase("consent-retention", "MKT-CON-004")]
    [TestCase("marketing-refusal", "MKT-REF-001", "MKT-REF-002")]
    [TestCase("marketing-hours", "MKT-HRS-001")]
    [TestCase("marketing-frequency", "MKT-FRQ-001", "MKT-FRQ-002")]
    [TestCase("call-centre-inbound-only", "MKT-CC-001")]
    [TestCase("label-threshold", "LAB-THR-001", "LAB-THR-002", "LAB-SIG-002", "WARN-FLS-002")]
    [TestCase("stir-signature", "AUTH-STIR-005", "AUTH-STIR-009")]
    [TestCase("delivery-receipt", "WARN-SMS-003")]
    [TestCase("traceback-record", "TRC-REC-001", "TRC-REC-002", "TRC-QRY-001", "TRC-QRY-002")]
    [TestCase("traceback-trunk", "TRC-QRY-001", "TRC-QRY-002", "TRC-QRY-003")]
    [TestCase("traceback-retention", "TRC-REC-002")]
    [TestCase("traceback-access", "TRC-ACL-001")]
    [TestCase("edge-hygiene", "INT-EDGE-001", "INT-EDGE-002")]
    public void AReferenceWithoutTheRuleFailsItsRequirements(string rule, params string[] requirements)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "conformance-mutant-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outDir);
        var target = Path.Combine(TestOutput.NewDirectory(), "mutant.json");
        File.WriteAllText(target, $$"""
            { "description": "Reference without rule {{rule}}", "adapter": "reference",
              "reference": { "disabledRules": ["{{rule}}"] } }
            """);
        var args = new List<string> { "run", "--target", target, "--out", outDir };
        foreach (var requirement in requirements)
        {
            args.AddRange(["--tags", requirement]);
        }

        var (exit, output) = CliProcess.Run([.. args]);

        Assert.That(exit, Is.EqualTo(1), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(outDir, "conformance-report.json", SearchOption.AllDirectories).Single()));
        var verdicts = report.RootElement.GetProperty("requirements").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("verdict").GetString());
        Assert.Multiple(() =>
        {
            foreach (var requirement in requirements)
            {
                Assert.That(verdicts.GetValueOrDefault(requirement), Is.EqualTo("failed"), $"{requirement} with {rule} switched off\n{output}");
            }
        });
    }
}
