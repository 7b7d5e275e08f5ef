using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>Fresh output folders for runs, and reading verdicts back out of the report they write.</summary>
public static class TestOutput
{
    public static string NewDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "conformance-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static JsonElement Requirement(JsonElement report, string id) =>
        report.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    public static string? Verdict(JsonElement report, string id) => Requirement(report, id).GetProperty("verdict").GetString();
}
