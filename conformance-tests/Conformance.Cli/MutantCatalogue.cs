using System.Text.Json.Nodes;

namespace Conformance.Cli;

/// <summary>Reads conformance-tests/mutants/mutants.json: the mutants and the requirements each must fail.</summary>
public static class MutantCatalogue
{
    public static IReadOnlyList<Mutant> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{path} does not exist; give the mutant catalogue with --mutants (conformance-tests/mutants/mutants.json).");
        }

        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new ConfigurationException($"{path} is not a JSON object with a \"mutants\" array.");
        return (root["mutants"] as JsonArray ?? throw new ConfigurationException($"{path} has no \"mutants\" array."))
            .Select((node, i) => node is JsonObject m && m["name"]?.GetValue<string>() is { Length: > 0 } name
                ? new Mutant(
                    name,
                    m["what"]?.GetValue<string>() ?? "",
                    Strings(m, "disabledRules"),
                    Strings(m, "faults"),
                    m["signallingProfile"]?.GetValue<string>(),
                    m["parameters"] as JsonObject,
                    Strings(m, "fails"),
                    Strings(m, "pending"))
                : throw new ConfigurationException($"{path}: $.mutants[{i}] needs a name."))
            .ToList();
    }

    private static List<string> Strings(JsonObject node, string key) =>
        node[key] is JsonArray array ? [.. array.Select(v => v!.GetValue<string>())] : [];
}
