using System.Diagnostics;
using Conformance.Harness;
using Conformance.Harness.Targets;
using Conformance.Reporting;
using Conformance.Specs.Support;

namespace Conformance.Cli;

/// <summary>`conformance run`: validate the target, run the scenarios, roll verdicts up, write the report, set the exit code.</summary>
public static class RunCommand
{
    public static Task<int> ExecuteAsync(FileInfo? targetFile, DirectoryInfo? outDirectory, IReadOnlyList<string> tags, TextWriter console, CancellationToken cancellationToken)
    {
        var target = targetFile is null ? TargetFile.EmbeddedReference : TargetFileLoader.Load(targetFile.FullName);
        var started = DateTimeOffset.UtcNow;
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var outPath = outDirectory?.FullName ?? Path.Combine(Directory.GetCurrentDirectory(), "results", runId);
        Directory.CreateDirectory(outPath);
        var specDirectory = Path.Combine(AppContext.BaseDirectory, "spec");
        var catalogue = RequirementCatalogue.Load(Path.Combine(specDirectory, "requirements.yaml"));

        Environment.SetEnvironmentVariable(SuiteEnvironment.OutVariable, outPath);
        Environment.SetEnvironmentVariable(SuiteEnvironment.TargetVariable, targetFile?.FullName);

        // NUnit redirects Console.Out to the running test; progress goes to the real standard output.
        var progress = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        console.WriteLine($"Conformance suite {SuiteExecutor.SuiteVersion}: {target.Description} (adapter {target.Adapter}, profile {target.SignallingProfile})");
        var clock = Stopwatch.StartNew();
        var count = 0;
        void Show(ScenarioOutcome outcome) =>
            progress.WriteLine($"  [{++count,3}] {ReportBuilder.VerdictName(outcome.Verdict),-14} {outcome.Feature} › {outcome.Scenario}");
        SuiteRun.ScenarioRecorded += Show;
        try
        {
            SuiteExecutor.Run(tags);
        }
        finally
        {
            SuiteRun.ScenarioRecorded -= Show;
        }

        var outcomes = ScenarioOutcomeFile.Read(outPath);
        var report = ReportBuilder.Build(
            catalogue,
            outcomes,
            new SuiteInfo("harassment-call-conformance", SuiteExecutor.SuiteVersion),
            SpecHash.Compute(specDirectory),
            new TargetInfo(target.Description, target.Adapter, target.Vendor, target.Product, target.Version, target.SignallingProfile),
            started,
            DateTimeOffset.UtcNow);
        var reportPath = ReportWriter.Write(report, outPath);

        Summary.Print(console, report, outcomes.Count, clock.Elapsed, reportPath);
        if (outcomes.Count == 0)
        {
            console.WriteLine("No scenario ran: check --tags, or the suite could not start (see messages above).");
            return Task.FromResult(ExitCodes.Inconclusive);
        }

        return Task.FromResult(report.Summary.MustFailed > 0 ? ExitCodes.MustFailed
            : report.Summary.MustInconclusive > 0 ? ExitCodes.Inconclusive
            : ExitCodes.Conforming);
    }
}
