using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Reporting;

public static class ReportWriter
{
    public const string ReportFileName = "conformance-report.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(ConformanceReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ReportFileName);
        File.WriteAllText(path, JsonSerializer.Serialize(report, Json));
        return path;
    }

    public static ConformanceReport Read(string path) =>
        JsonSerializer.Deserialize<ConformanceReport>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no report.");
}
