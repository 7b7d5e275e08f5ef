using System.CommandLine;
using Conformance.Harness.Targets;

namespace Conformance.Cli;

public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = new Option<FileInfo?>("--target")
        {
            Description = "Target file (JSON) naming the system under test; default: the embedded reference implementation.",
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Directory for the result bundle; default: results/<run-id> under the current directory.",
        };
        var tags = new Option<string[]>("--tags")
        {
            Description = "Run only scenarios carrying one of these tags (e.g. interception, INT-INTL-001).",
            AllowMultipleArgumentsPerToken = true,
        };

        var run = new Command("run", "Run the suite against a target and write conformance-report.json.") { target, output, tags };
        run.SetAction((parse, cancellationToken) => Guarded(() => RunCommand.ExecuteAsync(
            parse.GetValue(target), parse.GetValue(output), parse.GetValue(tags) ?? [], Console.Out, cancellationToken)));

        var root = new RootCommand("Conformance suite for harassment-call interception, labelling and warning.") { run };
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>Configuration errors a person can fix end the run with their one-sentence message and exit code 2, not a stack trace.</summary>
    private static async Task<int> Guarded(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception ex) when (ex is TargetFileException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.UsageOrConfiguration;
        }
    }
}
