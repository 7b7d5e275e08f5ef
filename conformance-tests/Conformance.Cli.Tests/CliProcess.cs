using System.Diagnostics;

namespace Conformance.Cli.Tests;

/// <summary>Runs the built `conformance` command in its own process, as a user or a CI job would.</summary>
public static class CliProcess
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    public static (int ExitCode, string Output) Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables, as a lab exports a management API token before a run.</summary>
    public static (int ExitCode, string Output) RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "conformance.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a run that hangs, not a measure of speed: a whole run takes one to two minutes on a quiet
        // machine and twice that or more beside the other test projects on a busy CI runner.
        if (!process.WaitForExit(HangGuard))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the conformance command did not finish within {HangGuard.TotalMinutes} minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
