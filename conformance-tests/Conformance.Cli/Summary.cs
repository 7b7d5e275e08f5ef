using Conformance.Reporting;
using Spectre.Console;

namespace Conformance.Cli;

/// <summary>The summary printed at the end of a run: a table of requirement verdicts, then the totals and where the bundle is.</summary>
public static class Summary
{
    /// <summary>The one line a lab quotes: the verdict and how much of the catalogue it covers.</summary>
    public static string VerdictLine(ReportSummary summary)
    {
        var scope = $"{summary.InScope} of {summary.Requirements} requirements in scope";
        var known = summary.MustFailedKnown > 0 ? $" ({summary.MustFailedKnown} of them known deviations)" : string.Empty;
        return (summary.ScopePassed, summary.FullScope) switch
        {
            (true, true) => $"verdict: every MUST passed ({scope})",
            (true, false) => $"verdict: every MUST in scope passed ({scope}; not a conformance verdict: the rest was not run)",
            _ => $"verdict: {summary.MustFailed} MUST failed{known}, {summary.MustInconclusive} MUST inconclusive ({scope})",
        };
    }

    public static void Print(IAnsiConsole console, ConformanceReport report, int scenarios, TimeSpan elapsed, string bundlePath)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("requirement").AddColumn("level").AddColumn("profile").AddColumn("verdict").AddColumn(new TableColumn("scenarios").RightAligned()).AddColumn("known deviation");
        foreach (var requirement in report.Requirements)
        {
            table.AddRow(
                Markup.Escape(requirement.Id),
                requirement.Level,
                requirement.Profile,
                $"[{RunProgress.Colour(requirement.Verdict)}]{ReportBuilder.VerdictName(requirement.Verdict)}[/]",
                requirement.Scenarios.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(requirement.KnownDeviation ?? string.Empty));
        }

        console.WriteLine();
        console.Write(table);
        var totals = string.Join(", ", report.Summary.ByVerdict.Where(v => v.Value > 0).Select(v => $"{v.Value} {v.Key}"));
        console.WriteLine($"requirements: {report.Summary.Requirements} ({totals}); scenarios: {scenarios}; {elapsed.TotalSeconds:0.0} s");
        console.WriteLine(report.Interrupted == true
            ? "verdict: none, the run was interrupted (requirements not reached are skipped; not a conformance verdict)"
            : VerdictLine(report.Summary));
        if (report.Seed is { } seed)
        {
            console.WriteLine($"seed: {seed} (replay this run's data with --seed {seed})");
        }

        console.WriteLine($"bundle: {bundlePath} (report: {ReportWriter.ReportFileName}, verify with `conformance verify {bundlePath}`)");
        var reasons = FailureReasons.Commonest(report, 5);
        if (reasons.Count > 0)
        {
            console.WriteLine("most common reasons (failed or inconclusive scenarios):");
            foreach (var (reason, count) in reasons)
            {
                console.WriteLine($"  {count,4} × {reason}");
            }
        }
    }
}
