using YamlDotNet.RepresentationModel;

namespace Conformance.SpecModel;

/// <summary>spec/pics.yaml: the capability codes a PICS may declare, and the rules a declaration must obey.</summary>
public sealed class PicsProforma
{
    private readonly Dictionary<string, PicsCapability> _byCode;

    private PicsProforma(IReadOnlyList<PicsCapability> capabilities, IReadOnlyDictionary<string, SipAdvertisement> advertised)
    {
        Capabilities = capabilities;
        Advertised = advertised;
        _byCode = capabilities.ToDictionary(c => c.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<PicsCapability> Capabilities { get; }

    /// <summary>Per capability code, what a system that implements it advertises in its answer to OPTIONS.</summary>
    public IReadOnlyDictionary<string, SipAdvertisement> Advertised { get; }

    public static PicsProforma Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var list = (YamlSequenceNode)root.Children[new YamlScalarNode("capabilities")];
        var capabilities = new List<PicsCapability>();
        foreach (var node in list.Children.Cast<YamlMappingNode>())
        {
            string Field(string name) =>
                node.Children.TryGetValue(new YamlScalarNode(name), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
                    ? text
                    : throw new FormatException($"{path}:{node.Start.Line}: capability is missing '{name}'.");

            var requires = node.Children.TryGetValue(new YamlScalarNode("requires"), out var r) && r is YamlSequenceNode seq
                ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList()
                : [];
            capabilities.Add(new PicsCapability(Field("code"), Field("title"), requires));
        }

        var advertised = new Dictionary<string, SipAdvertisement>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("advertised"), out var advertisedNode))
        {
            var codes = capabilities.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, value) in ((YamlMappingNode)advertisedNode).Children)
            {
                var code = ((YamlScalarNode)key).Value ?? string.Empty;
                if (!codes.Contains(code) || value is not YamlMappingNode entry)
                {
                    throw new FormatException($"{path}:{key.Start.Line}: advertised: {code} must be a capability code of the list above, mapped to {{ methods: [...], extensions: [...] }}.");
                }

                IReadOnlyList<string> List(string name) =>
                    entry.Children.TryGetValue(new YamlScalarNode(name), out var items) && items is YamlSequenceNode seq
                        ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList()
                        : [];
                advertised[code] = new SipAdvertisement(List("methods"), List("extensions"));
            }
        }

        return new PicsProforma(capabilities, advertised);
    }

    /// <summary>
    /// What is wrong with a declaration, one sentence per problem naming the code: codes left unanswered (a
    /// proforma is complete or it is not a statement of what the system implements), a code the proforma lacks,
    /// or a capability declared present whose prerequisite is declared absent.
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlyDictionary<string, bool> declared, string source)
    {
        var problems = new List<string>();
        var unanswered = Capabilities.Where(c => !declared.ContainsKey(c.Code)).Select(c => c.Code).ToList();
        if (unanswered.Count > 0)
        {
            problems.Add($"{source}: the PICS leaves {unanswered.Count} of {Capabilities.Count} capability codes unanswered: {string.Join(", ", unanswered)}. "
                + $"Answer each true or false under $.pics; `conformance pics init --from {source}` writes them all with their questions.");
        }

        foreach (var (code, present) in declared.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!_byCode.TryGetValue(code, out var capability))
            {
                problems.Add($"{source}: PICS code {code} is not in spec/pics.yaml; use one of {string.Join(", ", _byCode.Keys)}.");
                continue;
            }

            if (!present)
            {
                continue;
            }

            foreach (var prerequisite in capability.Requires.Where(p => declared.TryGetValue(p, out var has) && !has))
            {
                problems.Add($"{source}: PICS code {code} is declared present but its prerequisite {prerequisite} is declared absent; declare {prerequisite} true or {code} false.");
            }
        }

        return problems;
    }
}
