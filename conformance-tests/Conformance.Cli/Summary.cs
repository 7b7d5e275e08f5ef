using Conformance.Reporting;
using Spectre.Console;

namespace Conformance.Cli;

/// <summary>The summary printed at the end of a run: a table of requirement verdicts, then the totals and where the bundle is.</summary>
public static class Summary
{
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
        var known = report.Summary.MustFailedKnown > 0 ? $" ({report.Summary.MustFailedKnown} of them known deviations)" : string.Empty;
        console.WriteLine(report.Summary.Conforming ? "verdict: every MUST passed" : $"verdict: {report.Summary.MustFailed} MUST failed{known}, {report.Summary.MustInconclusive} MUST inconclusive");
        console.WriteLine($"bundle: {bundlePath} (report: {ReportWriter.ReportFileName}, verify with `conformance verify {bundlePath}`)");
    }
}
