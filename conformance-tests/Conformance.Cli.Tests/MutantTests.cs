using System.Text.Json;
using System.Text.RegularExpressions;
using Conformance.SpecModel;

namespace Conformance.Cli.Tests;

/// <summary>
/// Every MUST and SHOULD requirement is shown to fail by at least one mutant of the reference (a rule switch of the
/// node, or a fault of the proxy put before it): the proof that the suite's scenarios for it can fail at all. The
/// mutants and what each must fail are conformance-tests/mutants/mutants.json; `conformance mutants` writes the
/// table requirement → mutant → verdict beside it (mutants.md).
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed partial class MutantTests
{
    private static string MutantsFolder => Path.Combine(AppContext.BaseDirectory, "mutants");

    private static IReadOnlyList<Mutant> Catalogue => MutantCatalogue.Load(Path.Combine(MutantsFolder, "mutants.json"));

    private static IEnumerable<TestCaseData> Mutants() =>
        Catalogue.Where(m => m.Fails.Count > 0).Select(m => new TestCaseData(m.Name).SetName($"A reference mutant fails what it must ({m.Name})"));

    private static IEnumerable<Requirement> MustAndShould() =>
        RequirementCatalogue.Load(Path.Combine(RunCommand.SpecDirectory, "requirements.yaml")).Requirements
            .Where(r => r.Level is RequirementLevel.Must or RequirementLevel.Should);

    [Test]
    public void EveryMustAndShouldRequirementHasAMutantThatMustFailIt()
    {
        var failed = Catalogue.SelectMany(m => m.Fails).ToHashSet(StringComparer.Ordinal);

        Assert.That(MustAndShould().Select(r => r.Id).Where(id => !failed.Contains(id)), Is.Empty,
            "requirements no mutant of conformance-tests/mutants/mutants.json must fail: add a mutant or make the scenario able to fail");
    }

    [Test]
    public void TheTableShowsEveryMustAndShouldRequirementFailedByAMutant()
    {
        var rows = File.ReadAllLines(Path.Combine(MutantsFolder, "mutants.md"))
            .Select(line => TableRow().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["id"].Value, m => m.Groups["cells"].Value, StringComparer.Ordinal);

        // A pending verdict is in italics (*…*) and does not count; a counted one reads "mutant → failed" or "→ warning".
        var unfailed = MustAndShould().Select(r => r.Id)
            .Where(id => !rows.TryGetValue(id, out var cells) || !CountedFailure().IsMatch(Italics().Replace(cells, "")))
            .ToList();

        Assert.That(unfailed, Is.Empty, "requirements conformance-tests/mutants/mutants.md shows no mutant failing: run `conformance mutants` and fix what it shows");
    }

    [TestCaseSource(nameof(Mutants))]
    public void AReferenceMutantFailsTheRequirementsItMustFail(string name)
    {
        var mutant = Catalogue.Single(m => m.Name == name);
        var outDir = TestOutput.NewDirectory();
        var target = Path.Combine(outDir, "mutant.json");
        File.WriteAllText(target, mutant.TargetFile().ToJsonString());
        var args = new List<string> { "run", "--target", target, "--out", Path.Combine(outDir, "bundle") };
        foreach (var requirement in mutant.Fails)
        {
            args.AddRange(["--tags", requirement]);
        }

        var (exit, output) = CliProcess.Run([.. args]);

        // A failed MUST fails the run (exit 1); a SHOULD only warns, and the run still conforms (exit 0).
        var must = MustAndShould().Any(r => r.Level == RequirementLevel.Must && mutant.Fails.Contains(r.Id));
        Assert.That(exit, Is.EqualTo(must ? 1 : 0), output);
        using var report = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(outDir, "conformance-report.json", SearchOption.AllDirectories).Single()));
        var verdicts = report.RootElement.GetProperty("requirements").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("verdict").GetString());
        Assert.Multiple(() =>
        {
            foreach (var requirement in mutant.Fails)
            {
                Assert.That(verdicts.GetValueOrDefault(requirement), Is.AnyOf("failed", "warning"), $"{requirement} with mutant {name}\n{output}");
            }
        });
    }

    [GeneratedRegex(@"^\| (?<id>[A-Z]+-[A-Z]+-\d+) \| (MUST|SHOULD|MAY) \| (?<cells>.*) \|$")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\*[^*]*\*")]
    private static partial Regex Italics();

    [GeneratedRegex(@"→ (failed|warning)")]
    private static partial Regex CountedFailure();
}
