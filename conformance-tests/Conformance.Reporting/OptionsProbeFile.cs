using System.Text.Json;
using Conformance.SpecModel;

namespace Conformance.Reporting;

/// <summary>The hand-off of the OPTIONS probe from the suite's run hooks to the report; not itself part of a bundle.</summary>
public static class OptionsProbeFile
{
    public const string FileName = "options-probe.json";

    public static void Write(string directory, IReadOnlyList<RealmProbe> probes)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(probes, ReportWriter.Json));
    }

    /// <summary>The probe results, removing the file so the bundle holds them only in the report; null when no probe ran.</summary>
    public static IReadOnlyList<RealmProbe>? Take(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var probes = JsonSerializer.Deserialize<List<RealmProbe>>(File.ReadAllText(path), ReportWriter.Json);
        File.Delete(path);
        return probes;
    }

    public static void Delete(string directory) => File.Delete(Path.Combine(directory, FileName));
}
