using YamlDotNet.RepresentationModel;

namespace Conformance.SpecModel;

/// <summary>spec/requirements.yaml, validated: ids unique, levels and profiles from the fixed sets.</summary>
public sealed class RequirementCatalogue
{
    public static readonly IReadOnlyList<string> Profiles =
        ["authentication", "interception", "marketing", "labelling", "warning", "reporting", "resources", "traceback"];

    private readonly Dictionary<string, Requirement> _byId;

    private RequirementCatalogue(List<Requirement> requirements)
    {
        Requirements = requirements;
        _byId = requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Requirement> Requirements { get; }

    public bool Contains(string id) => _byId.ContainsKey(id);

    public Requirement this[string id] => _byId[id];

    public static RequirementCatalogue Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var list = (YamlSequenceNode)root.Children[new YamlScalarNode("requirements")];
        var requirements = new List<Requirement>();
        foreach (var node in list.Children.Cast<YamlMappingNode>())
        {
            string Field(string name)
            {
                if (!node.Children.TryGetValue(new YamlScalarNode(name), out var value) || value is not YamlScalarNode { Value: { Length: > 0 } text })
                {
                    throw new FormatException($"{path}:{node.Start.Line}: requirement is missing '{name}'.");
                }

                return text;
            }

            var level = Field("level") switch
            {
                "MUST" => RequirementLevel.Must,
                "SHOULD" => RequirementLevel.Should,
                "MAY" => RequirementLevel.May,
                var other => throw new FormatException($"{path}:{node.Start.Line}: level '{other}' must be MUST, SHOULD or MAY."),
            };
            var profile = Field("profile");
            if (!Profiles.Contains(profile))
            {
                throw new FormatException($"{path}:{node.Start.Line}: profile '{profile}' must be one of {string.Join(", ", Profiles)}.");
            }

            var requirement = new Requirement(Field("id"), Field("title"), level, profile, Field("pics"), Field("source"));
            if (requirements.Exists(r => r.Id == requirement.Id))
            {
                throw new FormatException($"{path}:{node.Start.Line}: id {requirement.Id} appears twice.");
            }

            requirements.Add(requirement);
        }

        return new RequirementCatalogue(requirements);
    }
}
