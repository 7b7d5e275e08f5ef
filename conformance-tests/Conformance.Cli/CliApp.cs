using System.CommandLine;
using Conformance.Harness.Targets;
using Spectre.Console;

namespace Conformance.Cli;

public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Conformance suite for harassment-call interception, labelling and warning.")
        {
            Run(), Keygen(), Verify(), Publish(), Pics(), Mutants(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A mistyped command line is a usage error (2), never "a MUST failed" (1), System.CommandLine's own code.
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            var command = parsed.CommandResult.Command is RootCommand ? "conformance" : $"conformance {parsed.CommandResult.Command.Name}";
            await Console.Error.WriteLineAsync($"See `{command} --help`.");
            return ExitCodes.UsageOrConfiguration;
        }

        // `run` handles Ctrl-C and SIGTERM itself (RunInterruption): it finishes the scenario under way and writes the bundle.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private const string RunDescription = """
        Run the suite against a target and write the signed result bundle.

        Exit codes:
          0    every MUST in scope passed (a run of the whole catalogue: conforming)
          1    a MUST failed
          2    usage or configuration error: an unknown option, a missing or malformed value, a target file or PICS
               the suite refuses, a selection that matches no scenario, an --out folder that is not empty
          3    inconclusive: a MUST could not be judged, or the system under test did not answer (the run stops at once
               when no realm answers the OPTIONS probe or the management API cannot be reached)
          130  interrupted by Ctrl-C (SIGINT) or SIGTERM: the scenarios not run are reported skipped and the bundle,
               marked interrupted, is written and signed

        Values: paths are relative to the current folder (paths inside a target file: relative to that file);
        addresses in a target file are "ip:port"; durations are milliseconds; --seed is a decimal integer.
        """;

    private static Command Run()
    {
        var target = new Option<FileInfo?>("--target")
        {
            Description = "Target file (JSON, schema spec/schemas/target-file.schema.json; keys in the README) naming the system under test; default: the embedded reference implementation.",
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Directory for the result bundle, empty or new (see --force); default: results/<run-id> under the current directory, run-id the start time as yyyyMMddTHHmmssZ.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Let --out name a folder that is not empty: everything in it is removed first (never the current folder or one above it).",
        };
        var tags = new Option<string[]>("--tags")
        {
            Description = "Run only scenarios carrying one of these tags, space-separated, a leading @ optional: requirement ids (INT-INTL-001), PICS codes (pics:INT-ONE) or feature tags (interception).",
            AllowMultipleArgumentsPerToken = true,
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "Run only the requirements of one profile (authentication, interception, marketing, labelling, warning, reporting, resources, traceback).",
        };
        var rerun = new Option<DirectoryInfo?>("--rerun-failed")
        {
            Description = "Run again only the requirements that failed, warned or were inconclusive in an earlier bundle (its folder).",
        };
        var deviations = new Option<FileInfo?>("--deviations")
        {
            Description = "Known deviations (JSON, schema spec/schemas/known-deviations.schema.json: {\"deviations\": [{\"requirement\": \"INT-INTL-001\", \"reason\": \"…\"}]}), shown beside the verdicts; default: $.deviations of the target file.",
        };
        var signingKey = new Option<FileInfo?>("--signing-key")
        {
            Description = $"Private key (PEM, from `conformance keygen`) that signs the bundle; default: ${RunCommand.SigningKeyVariable}, else a key made for this run.",
        };

        var seed = new Option<int?>("--seed")
        {
            Description = "Draw the scenarios' data from this seed (a decimal integer; the report names each run's): replays a run exactly. Default: a new seed per run, so runs never collide on a long-lived system.",
        };

        var run = new Command("run", RunDescription) { target, output, force, tags, profile, rerun, deviations, signingKey, seed };
        run.SetAction((parse, cancellationToken) => Guarded(() =>
        {
            var options = new RunOptions(parse.GetValue(target), parse.GetValue(output), parse.GetValue(tags) ?? [], parse.GetValue(profile),
                parse.GetValue(rerun), parse.GetValue(deviations), parse.GetValue(signingKey), parse.GetValue(seed), parse.GetValue(force));

            // NUnit redirects Console.Out to the running test; progress goes to the real standard output.
            var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
            var interactive = !Console.IsOutputRedirected;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout),
                Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            });
            if (!interactive)
            {
                // Logs are read later and wider than a terminal: one line per scenario, never wrapped.
                console.Profile.Width = 400;
            }

            return RunCommand.Execute(options, console, interactive);
        }));
        return run;
    }

    private static Command Pics()
    {
        var from = new Option<FileInfo?>("--from") { Description = "A target file whose answers to keep; its other codes are written null, to be answered." };
        var output = new Option<FileInfo?>("--out") { Description = "File to write (the target with its complete `pics`, or the `pics` block alone); default: standard output." };
        var init = new Command("init", "Write the complete PICS proforma: every capability code with its question and prerequisites as comments.") { from, output };
        init.SetAction((parse, _) => Guarded(() => PicsInitCommand.Execute(parse.GetValue(from), parse.GetValue(output), Console.Out)));
        return new Command("pics", "The capability proforma (PICS).") { init };
    }

    private static Command Keygen()
    {
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for signing-key.pem and signing-key.pub.pem; default: the current directory." };
        var keygen = new Command("keygen", "Make an ECDSA P-256 key pair for signing result bundles.") { output };
        keygen.SetAction((parse, _) => Guarded(() => KeygenCommand.Execute(parse.GetValue(output), Console.Out)));
        return keygen;
    }

    private static Command Verify()
    {
        var bundle = new Argument<DirectoryInfo>("bundle") { Description = "The folder a run wrote (its --out)." };
        var trusted = new Option<FileInfo?>("--trusted-key") { Description = "Public key (PEM) the bundle must be signed with." };
        var verify = new Command("verify", "Recompute a result bundle's hashes and signature and name every file that does not match.") { bundle, trusted };
        verify.SetAction((parse, _) => Guarded(() => VerifyCommand.Execute(parse.GetValue(bundle)!, parse.GetValue(trusted), Console.Out)));
        return verify;
    }

    private static Command Publish()
    {
        var bundles = new Argument<DirectoryInfo[]>("bundles") { Description = "Bundle folders to publish.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder the static site is written to.", Required = true };
        var trusted = new Option<FileInfo?>("--trusted-key") { Description = "Public key (PEM) every bundle must be signed with." };
        var publish = new Command("publish", "Verify bundles and build a static site: a matrix of systems × requirements and a page per system.") { bundles, output, trusted };
        publish.SetAction((parse, _) => Guarded(() => PublishCommand.Execute(parse.GetValue(bundles) ?? [], parse.GetValue(output)!, parse.GetValue(trusted), Console.Out)));
        return publish;
    }

    private static Command Mutants()
    {
        var catalogue = new Option<FileInfo>("--mutants")
        {
            Description = "The mutant catalogue (JSON); default: conformance-tests/mutants/mutants.json under the current directory.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("conformance-tests", "mutants", "mutants.json")),
        };
        var table = new Option<FileInfo>("--table")
        {
            Description = "Where the table requirement → mutant → verdict is written; default: mutants.md beside the catalogue.",
        };
        var parallel = new Option<int>("--parallel") { Description = "Mutants run at once; default 2.", DefaultValueFactory = _ => 2 };
        var only = new Option<string[]>("--only") { Description = "Run only these mutants (the table then shows only theirs).", AllowMultipleArgumentsPerToken = true };
        var mutants = new Command("mutants", "Run the suite against every mutant of the reference, each over the requirements it must fail, and write the table.") { catalogue, table, parallel, only };
        mutants.SetAction((parse, _) => Guarded(() =>
        {
            var file = parse.GetValue(catalogue)!;
            var written = parse.GetValue(table) ?? new FileInfo(Path.Combine(file.DirectoryName ?? ".", "mutants.md"));
            return MutantsCommand.Execute(file, written, parse.GetValue(parallel), parse.GetValue(only) ?? [], Console.Out);
        }));
        return mutants;
    }

    /// <summary>Configuration errors a person can fix end the command with their one-sentence message and exit code 2, not a stack trace.</summary>
    private static async Task<int> Guarded(Func<int> command)
    {
        try
        {
            return await Task.FromResult(command());
        }
        catch (Exception ex) when (ex is TargetFileException or FormatException or ConfigurationException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.UsageOrConfiguration;
        }
    }
}
