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
        run.SetAction((parse, cancellationToken) => RunCommand.ExecuteAsync(
            parse.GetValue(target), parse.GetValue(output), parse.GetValue(tags) ?? [], Console.Out, cancellationToken));

        var root = new RootCommand("Conformance suite for harassment-call interception, labelling and warning.") { run };
        try
        {
            return await root.Parse(args).InvokeAsync();
        }
        catch (TargetFileException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.UsageOrConfiguration;
        }
    }
}
