using YamlDotNet.RepresentationModel;

namespace Reference.Tests.Access;

/// <summary>spec/api/openapi.yaml as the role tests read it: each operation and the roles its x-roles admit (none: anyone).</summary>
public static class ApiDocument
{
    public static string Path { get; } = Find();

    public static IReadOnlyList<ApiOperation> Operations { get; } = Read(File.ReadAllText(Path));

    public static IReadOnlyList<ApiOperation> Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var operations = new List<ApiOperation>();
        foreach (var (pathNode, methods) in (YamlMappingNode)root.Children[new YamlScalarNode("paths")])
        {
            foreach (var (methodNode, operation) in (YamlMappingNode)methods)
            {
                var fields = (YamlMappingNode)operation;
                var roles = fields.Children.TryGetValue(new YamlScalarNode("x-roles"), out var declared)
                    ? ((YamlSequenceNode)declared).Children.Select(r => ((YamlScalarNode)r).Value!).ToList()
                    : null;
                operations.Add(new ApiOperation(((YamlScalarNode)methodNode).Value!.ToUpperInvariant(), ((YamlScalarNode)pathNode).Value!, roles));
            }
        }

        return operations;
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "spec", "api", "openapi.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("spec/api/openapi.yaml not found above " + AppContext.BaseDirectory);
    }
}
