using System.Text.Json;

namespace Conformance.Reporting;

/// <summary>
/// The hand-off of --rerun-failed from the CLI to the suite's hooks: the scenarios to run again, as feature and name.
/// Kept outside the run's folder, so it never becomes part of a bundle.
/// </summary>
public static class RerunFile
{
    public static string Write(IEnumerable<(string Feature, string Scenario)> scenarios)
    {
        var path = Path.Combine(Path.GetTempPath(), $"conformance-rerun-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(scenarios.Select(s => new[] { s.Feature, s.Scenario }).ToList()));
        return path;
    }

    /// <summary>The scenario keys (<see cref="ScenarioKey"/>) to run; null when the file is missing or unreadable, so nothing is held back by mistake.</summary>
    public static IReadOnlySet<string>? Read(string path)
    {
        try
        {
            var pairs = JsonSerializer.Deserialize<List<string[]>>(File.ReadAllText(path)) ?? [];
            return pairs.Where(p => p.Length == 2).Select(p => ScenarioKey.Of(p[0], p[1])).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
