using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.SpecModel;

namespace Conformance.Cli;

/// <summary>
/// `conformance mutants`: runs the suite against every mutant of conformance-tests/mutants/mutants.json, each over
/// only the requirements it names (<c>--tags</c>), several at once, and writes the table requirement → mutant →
/// verdict (mutants.md) beside the catalogue, with how long the whole set took.
/// </summary>
public static class MutantsCommand
{
    public static int Execute(FileInfo catalogueFile, FileInfo table, int parallel, string[] only, TextWriter output)
    {
        var mutants = MutantCatalogue.Load(catalogueFile.FullName).Where(m => only.Length == 0 || only.Contains(m.Name)).ToList();
        if (mutants.Count == 0)
        {
            throw new ConfigurationException($"{catalogueFile.FullName} names no mutant{(only.Length > 0 ? " called " + string.Join(", ", only) : "")}.");
        }

        var requirements = RequirementCatalogue.Load(Path.Combine(RunCommand.SpecDirectory, "requirements.yaml"));
        var work = Path.Combine(Path.GetTempPath(), "conformance-mutants-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var verdicts = new ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(mutants, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel) }, mutant =>
        {
            var started = Stopwatch.StartNew();
            verdicts[mutant.Name] = RunOne(mutant, Path.Combine(work, mutant.Name));
            lock (output)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{mutant.Name,-26} {started.Elapsed.TotalSeconds,6:0.0} s  {string.Join(" ", verdicts[mutant.Name].Select(v => v.Key + "=" + v.Value))}"));
            }
        });
        clock.Stop();

        var rows = MutantTable.Rows(requirements, mutants, verdicts);
        File.WriteAllText(table.FullName, MutantTable.Markdown(rows, mutants.Count, clock.Elapsed, parallel));
        var unfailed = rows.Where(r => r.Level is RequirementLevel.Must or RequirementLevel.Should && !r.Failed).Select(r => r.Id).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mutants.Count} mutants in {clock.Elapsed.TotalSeconds:0} s ({parallel} at once); MUST/SHOULD requirements no mutant failed: {unfailed.Count}{(unfailed.Count > 0 ? " (" + string.Join(", ", unfailed) + ")" : "")}; table: {table.FullName}"));
        // The runs' logs and bundles are kept when a mutant was not caught, to read why.
        if (mutants.All(m => m.Fails.All(r => verdicts[m.Name].GetValueOrDefault(r) is "failed" or "warning")))
        {
            Directory.Delete(work, recursive: true);
        }
        else
        {
            output.WriteLine($"Logs and bundles of the runs: {work}");
        }

        return unfailed.Count == 0 || only.Length > 0 ? ExitCodes.Conforming : ExitCodes.MustFailed;
    }

    private static Dictionary<string, string> RunOne(Mutant mutant, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, "mutant.json");
        File.WriteAllText(target, mutant.TargetFile().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(MutantsCommand).Assembly.Location);
        foreach (var arg in new[] { "run", "--target", target, "--out", Path.Combine(folder, "bundle") })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var requirement in mutant.Targeted)
        {
            start.ArgumentList.Add("--tags");
            start.ArgumentList.Add(requirement);
        }

        using (var process = Process.Start(start)!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
            }

            File.WriteAllText(Path.Combine(folder, "run.log"), stdout.Result + stderr.Result);
        }

        var report = Directory.Exists(folder) ? Directory.GetFiles(folder, "conformance-report.json", SearchOption.AllDirectories).FirstOrDefault() : null;
        if (report is null)
        {
            return mutant.Targeted.ToDictionary(r => r, _ => "no-report", StringComparer.Ordinal);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(report));
        var found = document.RootElement.GetProperty("requirements").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("verdict").GetString()!, StringComparer.Ordinal);
        return mutant.Targeted.ToDictionary(r => r, r => found.GetValueOrDefault(r, "absent"), StringComparer.Ordinal);
    }
}
