using System.Globalization;
using System.Text;
using Conformance.SpecModel;

namespace Conformance.Cli;

/// <summary>The table requirement → mutant → verdict, one row per requirement of the catalogue.</summary>
public static class MutantTable
{
    public sealed record Row(string Id, RequirementLevel Level, IReadOnlyList<(string Mutant, string Verdict, bool Pending)> Mutants)
    {
        /// <summary>At least one mutant that must fail it made it fail (or warn).</summary>
        public bool Failed => Mutants.Any(m => !m.Pending && m.Verdict is "failed" or "warning");
    }

    public static IReadOnlyList<Row> Rows(RequirementCatalogue requirements, IReadOnlyList<Mutant> mutants, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> verdicts) =>
        requirements.Requirements.Select(r => new Row(
            r.Id,
            r.Level,
            mutants.Where(m => m.Targeted.Contains(r.Id))
                .Select(m => (m.Name, verdicts.TryGetValue(m.Name, out var v) ? v.GetValueOrDefault(r.Id, "not-run") : "not-run", !m.Fails.Contains(r.Id)))
                .ToList()))
            .ToList();

    public static string Markdown(IReadOnlyList<Row> rows, int mutants, TimeSpan took, int parallel)
    {
        var text = new StringBuilder();
        text.AppendLine("# Mutants: requirement → mutant → verdict");
        text.AppendLine();
        text.AppendLine("Written by `dotnet run --project conformance-tests/Conformance.Cli -- mutants` from");
        text.AppendLine("`conformance-tests/mutants/mutants.json` (what each mutant is: reference/README.md, mutants). Each mutant runs");
        text.AppendLine("the suite over only the requirements it names. A verdict in *italics* is a requirement the mutant should fail once");
        text.AppendLine("its check can fail (`pending`): recorded, not counted.");
        text.AppendLine();
        var unfailed = rows.Where(r => r.Level is RequirementLevel.Must or RequirementLevel.Should && !r.Failed).Select(r => r.Id).ToList();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{mutants} mutants, {took.TotalSeconds:0} s wall time ({parallel} at once). MUST/SHOULD requirements no mutant fails: {unfailed.Count}{(unfailed.Count > 0 ? " (" + string.Join(", ", unfailed) + ")" : "")}."));
        text.AppendLine();
        text.AppendLine("| requirement | level | mutant → verdict |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var row in rows)
        {
            var cells = row.Mutants.Count == 0 ? "**none**"
                : string.Join(", ", row.Mutants.Select(m => m.Pending ? $"*{m.Mutant} → {m.Verdict}*" : $"{m.Mutant} → {m.Verdict}"));
            text.AppendLine($"| {row.Id} | {row.Level.ToString().ToUpperInvariant()} | {cells} |");
        }

        return text.ToString();
    }
}
