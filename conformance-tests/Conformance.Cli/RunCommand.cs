using System.Diagnostics;
using System.Security.Cryptography;
using Conformance.Harness;
using Conformance.Harness.Targets;
using Conformance.Reporting;
using Conformance.Reporting.Bundle;
using Conformance.SpecModel;
using Conformance.Specs.Support;
using Spectre.Console;

namespace Conformance.Cli;

/// <summary>
/// `conformance run`: validate the target and its PICS, run the selected scenarios, roll verdicts up, write and sign
/// the result bundle, set the exit code.
/// </summary>
public static class RunCommand
{
    public const string SigningKeyVariable = "CONFORMANCE_SIGNING_KEY";

    public static int Execute(RunOptions options, IAnsiConsole console, bool interactive)
    {
        var target = options.Target is null ? TargetFile.EmbeddedReference : TargetFileLoader.Load(options.Target.FullName);
        if (target.AdapterAssembly is { } adapterAssembly)
        {
            Conformance.Harness.Adapters.CustomAdapterLoader.AdapterType(adapterAssembly, target);
        }
        else if (target.Adapter == TargetFile.ReferenceAdapter)
        {
            // The installed tool carries no reference node: say so before the run, not as 80 inconclusive verdicts.
            Conformance.Harness.Adapters.EmbeddedReferenceAdapter.AdapterType(target);
        }

        var specDirectory = SpecDirectory;
        var catalogue = RequirementCatalogue.Load(Path.Combine(specDirectory, "requirements.yaml"));
        var proforma = PicsProforma.Load(Path.Combine(specDirectory, "pics.yaml"));
        target = ReferencePics.Complete(target, proforma);
        var picsProblems = proforma.Problems(target.Pics, target.SourcePath);
        if (picsProblems.Count > 0)
        {
            throw new ConfigurationException(string.Join(Environment.NewLine, picsProblems));
        }

        // The command line wins over the target file, so a lab can try another list without editing the target.
        var deviationsPath = options.Deviations?.FullName ?? target.DeviationsPath;
        var deviations = deviationsPath is null ? [] : KnownDeviationsFile.Load(deviationsPath, catalogue);
        var selection = ScenarioSelection.From(options, catalogue);
        using var signingKey = SigningKey(options.SigningKey, out var ephemeral);

        var started = DateTimeOffset.UtcNow;
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var outPath = options.Out?.FullName ?? Path.Combine(Directory.GetCurrentDirectory(), "results", runId);
        OutputFolder.Prepare(outPath, options.Force);
        Environment.SetEnvironmentVariable(SuiteEnvironment.OutVariable, outPath);
        Environment.SetEnvironmentVariable(SuiteEnvironment.TargetVariable, options.Target?.FullName);

        console.WriteLine($"Conformance suite {SuiteExecutor.SuiteVersion}: {target.Description} (adapter {target.Adapter}, profile {target.SignallingProfile})");
        if (selection.RerunIds is { Count: 0 })
        {
            console.WriteLine($"Nothing to rerun: no requirement failed, warned or was inconclusive in {options.RerunFailed!.FullName}.");
            return ExitCodes.Conforming;
        }

        var plan = ScenarioPlan.Of(Path.Combine(specDirectory, "features"), selection);
        if (plan.Scenarios == 0)
        {
            throw new ConfigurationException($"The selection ({selection.Phrase(options.Profile, options.RerunFailed?.FullName)}) matches no scenario of the spec: nothing would be tested. Check --tags and --profile.");
        }

        var seed = options.Seed ?? SuiteEnvironment.RunSeed;
        Environment.SetEnvironmentVariable(SuiteEnvironment.SeedVariable, seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        using var interruption = RunInterruption.Listen(notice => console.WriteLine(notice));
        string? stopped = null;
        void Probed(IReadOnlyList<RealmProbe> probes, string? stop)
        {
            // Before the first scenario, so a lab sees at once what the system advertises, or that it is not there.
            PrintProbe(console, probes);
            if (stop is not null)
            {
                stopped = stop;
                console.MarkupLine($"[fuchsia]stopped:[/] {Markup.Escape(stop)}");
            }
        }

        SuiteRun.Probed += Probed;
        var rerunFile = selection.RerunScenarios is { } rerun ? RerunFile.Write(rerun) : null;
        Environment.SetEnvironmentVariable(SuiteEnvironment.RerunVariable, rerunFile);
        IReadOnlyList<SuiteTrouble> troubles = [];
        try
        {
            RunProgress.Show(console, interactive, plan, () => troubles = SuiteExecutor.Run(selection, interruption.Token));
        }
        finally
        {
            SuiteRun.Probed -= Probed;
            Environment.SetEnvironmentVariable(SuiteEnvironment.RerunVariable, null);
            if (rerunFile is not null)
            {
                File.Delete(rerunFile);
            }
        }

        var ran = ScenarioOutcomeFile.Read(outPath);
        // A set-up that threw (a suite peer's port taken, say) leaves its scenarios without a verdict; when the probe
        // stopped the run, its set-up threw on purpose and "stopped:" has said why already.
        var failedSetUp = stopped is null ? troubles.FirstOrDefault(t => t.InSetUp) : null;
        foreach (var trouble in troubles.Where(t => stopped is null || !t.InSetUp))
        {
            console.MarkupLine($"[fuchsia]suite {Markup.Escape(trouble.ToString())}[/]");
        }

        var probes = OptionsProbeFile.Take(outPath);
        var interrupted = interruption.Requested;
        var notReached = stopped is not null ? plan.NotReached(ran, DateTimeOffset.UtcNow, Verdict.Inconclusive, $"not run: {stopped}")
            : interrupted ? plan.NotReached(ran, DateTimeOffset.UtcNow, Verdict.Skipped, InterruptedReason)
            : failedSetUp is not null ? plan.NotReached(ran, DateTimeOffset.UtcNow, Verdict.Inconclusive, $"not run: the suite's {failedSetUp}")
            : [];
        var outcomes = ran.Concat(notReached).Concat(plan.SkippedOutcomes(DateTimeOffset.UtcNow)).ToList();
        var report = ReportBuilder.Build(
            catalogue,
            outcomes,
            new SuiteInfo("harassment-call-conformance", SuiteExecutor.SuiteVersion),
            SpecHash.Compute(specDirectory),
            new TargetInfo(target.Description, target.Adapter, target.Vendor, target.Product, target.Version, target.SignallingProfile),
            started,
            DateTimeOffset.UtcNow,
            new RunDetails(runId, target.Pics, deviations, selection.IsEverything ? null : selection.Describe(options.Profile, options.RerunFailed?.FullName), probes,
                seed, selection.IsEverything ? null : plan.RequirementIds(catalogue), interrupted ? true : null));
        BundleWriter.Write(outPath, report, outcomes, specDirectory, RedactedTarget(options.Target, target), signingKey, ephemeral);

        Summary.Print(console, report, ran.Count, clock.Elapsed, outPath);
        if (ephemeral)
        {
            console.WriteLine($"signed with a key made for this run only; to sign as your lab, `conformance keygen` once and pass --signing-key or set {SigningKeyVariable}.");
        }

        if (interrupted)
        {
            console.WriteLine($"interrupted: {ran.Count} scenarios ran; the {notReached.Count} not reached are reported skipped, and the bundle is marked interrupted.");
            return ExitCodes.Interrupted;
        }

        if (stopped is not null)
        {
            console.WriteLine("stopped before the first scenario (see above): every selected scenario is reported inconclusive.");
            return ExitCodes.Inconclusive;
        }

        if (ran.Count == 0 && failedSetUp is not null)
        {
            console.WriteLine("the suite could not start (see above): every selected scenario is reported inconclusive.");
            return ExitCodes.Inconclusive;
        }

        if (ran.Count == 0)
        {
            console.WriteLine("No scenario ran: check --tags and --profile, or the suite could not start (see messages above).");
            return ExitCodes.Inconclusive;
        }

        return report.Summary.MustFailed > 0 ? ExitCodes.MustFailed
            : report.Summary.MustInconclusive > 0 ? ExitCodes.Inconclusive
            : ExitCodes.Conforming;
    }

    /// <summary>Where what a realm advertised disagrees with the PICS, or a realm could not be asked; silent when all agree.</summary>
    private static void PrintProbe(IAnsiConsole console, IReadOnlyList<RealmProbe>? probes)
    {
        foreach (var line in (probes ?? []).SelectMany(p => p.Warnings.Prepend(p.Note).OfType<string>()))
        {
            console.MarkupLine($"[yellow]OPTIONS probe:[/] {Markup.Escape(line)}");
        }
    }

    private const string InterruptedReason = "not run: the run was interrupted (Ctrl-C)";

    public static string SpecDirectory => Path.Combine(AppContext.BaseDirectory, "spec");

    private static ECDsa SigningKey(FileInfo? option, out bool ephemeral)
    {
        var path = option?.FullName ?? Environment.GetEnvironmentVariable(SigningKeyVariable);
        ephemeral = string.IsNullOrWhiteSpace(path);
        return ephemeral ? BundleSigning.NewEphemeralKey() : BundleSigning.LoadPrivateKey(path!);
    }

    /// <summary>The target file as given, without secrets; the embedded reference has no file, so its description stands in.</summary>
    private static System.Text.Json.JsonElement RedactedTarget(FileInfo? file, TargetFile target) => file is null
        ? System.Text.Json.JsonSerializer.SerializeToElement(new { description = target.Description, adapter = target.Adapter, vendor = target.Vendor, product = target.Product })
        : TargetRedaction.Redact(File.ReadAllText(file.FullName));
}
