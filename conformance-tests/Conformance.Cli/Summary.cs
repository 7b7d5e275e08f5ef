using Conformance.Reporting;

namespace Conformance.Cli;

/// <summary>The plain-text summary printed at the end of a run: one line per requirement, then the totals.</summary>
public static class Summary
{
    public static void Print(TextWriter console, ConformanceReport report, int scenarios, TimeSpan elapsed, string reportPath)
    {
        console.WriteLine();
        console.WriteLine($"{"requirement",-14} {"level",-6} {"verdict",-15} scenarios");
        foreach (var requirement in report.Requirements)
        {
            console.WriteLine($"{requirement.Id,-14} {requirement.Level,-6} {ReportBuilder.VerdictName(requirement.Verdict),-15} {requirement.Scenarios.Count}");
        }

        console.WriteLine();
        var totals = string.Join(", ", report.Summary.ByVerdict.Where(v => v.Value > 0).Select(v => $"{v.Value} {v.Key}"));
        console.WriteLine($"requirements: {report.Summary.Requirements} ({totals}); scenarios: {scenarios}; {elapsed.TotalSeconds:0.0} s");
        console.WriteLine(report.Summary.Conforming ? "verdict: every MUST passed" : $"verdict: {report.Summary.MustFailed} MUST failed, {report.Summary.MustInconclusive} MUST inconclusive");
        console.WriteLine($"report: {reportPath}");
    }
}
