using Conformance.Reporting;
using Conformance.Specs.Hooks;
using Conformance.Specs.Support;
using Spectre.Console;

namespace Conformance.Cli;

/// <summary>
/// Shows a run as it goes: on a terminal, Spectre.Console bars for features and scenarios and the scenario running
/// now; when the output is redirected (CI logs), one plain line per scenario verdict.
/// </summary>
public static class RunProgress
{
    public static void Show(IAnsiConsole console, bool interactive, ScenarioPlan plan, Action work)
    {
        if (!interactive)
        {
            ShowLines(console, work);
            return;
        }

        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var features = context.AddTask("features", maxValue: Math.Max(plan.Features, 1));
                var scenarios = context.AddTask("scenarios", maxValue: Math.Max(plan.Scenarios, 1));
                var now = context.AddTask("starting…", maxValue: 1);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                void Started(string feature, string scenario)
                {
                    lock (seen)
                    {
                        if (seen.Add(feature))
                        {
                            features.Increment(1);
                        }
                    }

                    now.Description = Markup.Escape(Shorten($"now: {scenario}"));
                }

                void Recorded(ScenarioOutcome outcome)
                {
                    scenarios.Increment(1);
                    if (outcome.Verdict is Verdict.Failed or Verdict.Inconclusive)
                    {
                        console.MarkupLine($"  [{Colour(outcome.Verdict)}]{ReportBuilder.VerdictName(outcome.Verdict)}[/] {Markup.Escape(outcome.Feature)} › {Markup.Escape(outcome.Scenario)}{Markup.Escape(Reason(outcome))}");
                    }
                }

                ScenarioProgress.Started += Started;
                SuiteRun.ScenarioRecorded += Recorded;
                try
                {
                    work();
                }
                finally
                {
                    ScenarioProgress.Started -= Started;
                    SuiteRun.ScenarioRecorded -= Recorded;
                    now.Description = "done";
                    now.Value = 1;
                    features.Value = features.MaxValue;
                }
            });
    }

    public static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Passed => "green",
        Verdict.Failed => "red",
        Verdict.Warning => "yellow",
        Verdict.Inconclusive => "fuchsia",
        _ => "grey",
    };

    private static void ShowLines(IAnsiConsole console, Action work)
    {
        var count = 0;
        void Show(ScenarioOutcome outcome) =>
            console.WriteLine($"  [{Interlocked.Increment(ref count),3}] {ReportBuilder.VerdictName(outcome.Verdict),-14} {outcome.Feature} › {outcome.Scenario}{Reason(outcome)}");
        SuiteRun.ScenarioRecorded += Show;
        try
        {
            work();
        }
        finally
        {
            SuiteRun.ScenarioRecorded -= Show;
        }
    }

    /// <summary>" — why", for a failed or inconclusive scenario; empty otherwise.</summary>
    private static string Reason(ScenarioOutcome outcome) =>
        outcome.Verdict is Verdict.Failed or Verdict.Inconclusive && FailureReasons.OneLine(outcome.Message) is { } reason ? $" — {reason}" : string.Empty;

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..69] + "…";
}
