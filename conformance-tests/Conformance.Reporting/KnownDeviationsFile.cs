using System.Text.Json;
using Conformance.SpecModel;

namespace Conformance.Reporting;

/// <summary>
/// Reads a known-deviations file: {"deviations": [{"requirement": "INT-SIG-002", "reason": "…"}]}.
/// Every entry needs a reason and a requirement the catalogue knows, so a deviation can never hide a typo.
/// </summary>
public static class KnownDeviationsFile
{
    public static IReadOnlyList<KnownDeviation> Load(string path, RequirementCatalogue catalogue)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"{path}: the known-deviations file does not exist; pass --deviations with the path of a JSON file.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: line {ex.LineNumber + 1}: not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("deviations", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{path}: $ must be an object with an array \"deviations\" of {{\"requirement\", \"reason\"}} entries.");
            }

            foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("deviations" or "$schema")))
            {
                throw new FormatException($"{path}: $.{property.Name} is not a known key; expected deviations.");
            }

            var deviations = new List<KnownDeviation>();
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var at = $"$.deviations[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"{path}: {at} must be an object with \"requirement\" and \"reason\".");
                }

                foreach (var property in entry.EnumerateObject().Where(p => p.Name is not ("requirement" or "reason")))
                {
                    throw new FormatException($"{path}: {at}.{property.Name} is not a known key; expected requirement, reason.");
                }

                var requirement = Text(entry, "requirement", path, at);
                if (!catalogue.Contains(requirement))
                {
                    throw new FormatException($"{path}: {at}.requirement \"{requirement}\" is not in spec/requirements.yaml; name a catalogue id such as INT-INTL-001.");
                }

                deviations.Add(new KnownDeviation(requirement, Text(entry, "reason", path, at)));
            }

            return deviations;
        }
    }

    private static string Text(JsonElement entry, string key, string path, string at) =>
        entry.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new FormatException($"{path}: {at}.{key} must be a non-empty string.");
}
