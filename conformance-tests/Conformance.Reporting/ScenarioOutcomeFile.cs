using System.Text.Json;

namespace Conformance.Reporting;

/// <summary>The hand-off between the suite's hooks and the report: every scenario outcome of one test run.</summary>
public static class ScenarioOutcomeFile
{
    public const string FileName = "scenario-outcomes.json";

    public static void Write(string directory, IEnumerable<ScenarioOutcome> outcomes)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(outcomes.ToList(), ReportWriter.Json));
    }

    public static IReadOnlyList<ScenarioOutcome> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<List<ScenarioOutcome>>(File.ReadAllText(path), ReportWriter.Json) ?? []
            : [];
    }
}
