using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>Fresh output folders for runs, and reading verdicts back out of the report they write.</summary>
public static class TestOutput
{
    public static string NewDirectory() => RunOutputs.Folders.NewDirectory();

    /// <summary>Puts a PICS into a target file written as text.</summary>
    public static void SetPics(string targetPath, IReadOnlyDictionary<string, bool> pics)
    {
        var target = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(targetPath))!.AsObject();
        target["pics"] = JsonSerializer.SerializeToNode(pics);
        File.WriteAllText(targetPath, target.ToJsonString());
    }

    public static JsonElement Requirement(JsonElement report, string id) =>
        report.GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    public static string? Verdict(JsonElement report, string id) => Requirement(report, id).GetProperty("verdict").GetString();
}
