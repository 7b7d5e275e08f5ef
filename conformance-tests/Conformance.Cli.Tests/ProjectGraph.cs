using System.Reflection;
using System.Xml.Linq;

namespace Conformance.Cli.Tests;

/// <summary>Every project of the repository and the projects each one references, read from the .csproj files.</summary>
public sealed class ProjectGraph
{
    private ProjectGraph(string root, IReadOnlyDictionary<string, IReadOnlyList<ProjectEdge>> edges)
    {
        Root = root;
        Edges = edges;
    }

    /// <summary>The repository's root, with a trailing separator.</summary>
    public string Root { get; }

    /// <summary>Per project (its path relative to the root, with '/'), its ProjectReferences, the same way.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ProjectEdge>> Edges { get; }

    /// <summary>Per project, the projects it references, whatever the kind of reference.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References =>
        Edges.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Select(e => e.To).ToList(), StringComparer.Ordinal);

    public static ProjectGraph OfThisRepository() => Read(Metadata("RepositoryRoot"));

    public static string Metadata(string key) =>
        typeof(ProjectGraph).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static ProjectGraph Read(string root)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var edges = new SortedDictionary<string, IReadOnlyList<ProjectEdge>>(StringComparer.Ordinal);
        foreach (var project in Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Relative(root, project);
            if (relative.Split('/').Any(part => part is "bin" or "obj" or "node_modules"))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(project)!;
            edges[relative] = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => new ProjectEdge(
                    Relative(root, Path.GetFullPath(((string?)r.Attribute("Include") ?? "").Replace("$(RepositoryRoot)", root, StringComparison.Ordinal).Replace('\\', '/'), directory)),
                    BuildOnly: string.Equals((string?)r.Attribute("ReferenceOutputAssembly") ?? (string?)r.Element("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase)))
                .ToList();
        }

        return new ProjectGraph(root, edges);
    }

    /// <summary>
    /// The projects <paramref name="project"/> depends on, directly or through others, following the references for
    /// which <paramref name="follow"/> (from, edge) holds; every reference when it is null.
    /// </summary>
    public IReadOnlySet<string> Closure(string project, Func<string, ProjectEdge, bool>? follow = null)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([project]);
        while (next.TryPop(out var current))
        {
            foreach (var edge in Edges.GetValueOrDefault(current) ?? [])
            {
                if ((follow is null || follow(current, edge)) && seen.Add(edge.To))
                {
                    next.Push(edge.To);
                }
            }
        }

        return seen;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
