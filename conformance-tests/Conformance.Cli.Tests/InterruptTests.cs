using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>Ctrl-C during a run: the scenario under way ends, the rest are reported skipped, the bundle is written, marked interrupted and signed, and the exit code is 130.</summary>
public sealed class InterruptTests
{
    [Test]
    public void SigintStopsTheRunAndLeavesASignedBundleMarkedInterrupted()
    {
        var outDir = TestOutput.NewDirectory();
        var start = ForegroundStart("dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "conformance.dll"), "run", "--out", outDir);

        var lines = new BlockingCollection<string>();
        var output = new ConcurrentQueue<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                lines.Add(line);
            }
        };
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Wait for the third scenario's verdict line, so the run is well under way.
            var seen = false;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!seen && DateTime.UtcNow < deadline && !process.HasExited)
            {
                seen = lines.TryTake(out var line, TimeSpan.FromSeconds(1)) && line.StartsWith("  [  3]", StringComparison.Ordinal);
            }

            Assert.That(seen, Is.True, string.Join("\n", output));
            Signal("INT", process.Id);
            Assert.That(process.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, "the run ends soon after SIGINT");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.WaitForExit();
        var log = string.Join("\n", output);
        Assert.That(process.ExitCode, Is.EqualTo(130), log);
        Assert.That(log, Does.Contain("SIGINT").And.Contain("interrupted:"));

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "conformance-report.json")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.That(report.RootElement.GetProperty("interrupted").GetBoolean(), Is.True);
        Assert.That(manifest.RootElement.GetProperty("interrupted").GetBoolean(), Is.True);
        Assert.That(report.RootElement.GetProperty("summary").GetProperty("conforming").GetBoolean(), Is.False, "a partial run is no conformance verdict");

        using var outcomes = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "scenario-outcomes.json")));
        var all = outcomes.RootElement.EnumerateArray().ToList();
        var notRun = all.Where(o => o.TryGetProperty("message", out var message) && message.GetString()!.Contains("interrupted", StringComparison.Ordinal)).ToList();
        var ran = all.Count - notRun.Count;
        Assert.That(ran, Is.GreaterThanOrEqualTo(3), "the scenarios that ran keep their verdicts");
        Assert.That(notRun, Is.Not.Empty);
        Assert.That(notRun.Select(o => o.GetProperty("verdict").GetString()), Has.All.EqualTo("skipped"));

        var (verifyExit, verifyOutput) = CliProcess.Run("verify", outDir);
        Assert.That(verifyExit, Is.EqualTo(0), verifyOutput);
    }

    /// <summary>
    /// Starts the command as a terminal's foreground job would: with SIGINT's default handling. A test host started in
    /// the background of a shell without job control (as CI runners often are) inherits SIGINT ignored, and a process
    /// that starts with a signal ignored keeps it ignored, as the run rightly does: the run would then never see the
    /// signal this test sends. <c>env --default-signal</c> (coreutils 8.31 and later) resets it.
    /// </summary>
    private static ProcessStartInfo ForegroundStart(params string[] command)
    {
        var start = new ProcessStartInfo(ResetsSignals ? "env" : command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in ResetsSignals ? ["--default-signal=INT", .. command] : command[1..])
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static bool ResetsSignals { get; } = Probe();

    private static bool Probe()
    {
        try
        {
            using var env = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT", "true"]) { RedirectStandardError = true })!;
            env.WaitForExit();
            return env.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -s {signal} {pid}");
    }
}
