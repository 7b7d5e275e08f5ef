using System.Reflection;
using System.Xml.Linq;

namespace Conformance.Cli.Tests;

/// <summary>Every project of the repository and the projects each one references, read from the .csproj files.</summary>
public sealed class ProjectGraph
{
    private ProjectGraph(string root, IReadOnlyDictionary<string, IReadOnlyList<string>> references)
    {
        Root = root;
        References = references;
    }

    /// <summary>The repository's root, with a trailing separator.</summary>
    public string Root { get; }

    /// <summary>Per project (its path relative to the root, with '/'), the projects it references, the same way.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; }

    public static ProjectGraph OfThisRepository()
    {
        var root = typeof(ProjectGraph).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        return Read(root);
    }

    public static ProjectGraph Read(string root)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var references = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var project in Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Relative(root, project);
            if (relative.Split('/').Any(part => part is "bin" or "obj" or "node_modules"))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(project)!;
            references[relative] = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => (string?)r.Attribute("Include") ?? "")
                .Select(include => include.Replace("$(RepositoryRoot)", root, StringComparison.Ordinal).Replace('\\', '/'))
                .Select(include => Relative(root, Path.GetFullPath(include, directory)))
                .ToList();
        }

        return new ProjectGraph(root, references);
    }

    /// <summary>The projects <paramref name="project"/> depends on, directly or through others.</summary>
    public IReadOnlySet<string> Closure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(References.GetValueOrDefault(project) ?? []);
        while (next.TryPop(out var current))
        {
            if (seen.Add(current))
            {
                foreach (var reference in References.GetValueOrDefault(current) ?? [])
                {
                    next.Push(reference);
                }
            }
        }

        return seen;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
