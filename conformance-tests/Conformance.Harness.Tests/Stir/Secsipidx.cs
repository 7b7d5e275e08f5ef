using System.Diagnostics;

namespace Conformance.Harness.Tests.Stir;

/// <summary>Runs secsipidx (the Kamailio project's STIR/SHAKEN tool, Debian package secsipidx), the suite's second, outside oracle for PASSporTs.</summary>
internal static class Secsipidx
{
    private const string Program = "secsipidx";

    public static void RequireInstalled()
    {
        if (Locate() is not null)
        {
            return;
        }

        const string missing = "secsipidx is not installed (Debian package secsipidx): the PASSporT cross-check needs it";
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail(missing);
        }

        Assert.Ignore(missing);
    }

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate() ?? Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("secsipidx did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill();
            Assert.Fail("secsipidx did not finish within 20 s");
        }

        return (process.ExitCode, (output.Result + error.Result).Trim());
    }

    private static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, Program)).FirstOrDefault(File.Exists);
}
