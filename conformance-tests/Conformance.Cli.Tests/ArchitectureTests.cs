using System.Reflection;
using System.Text.Json;

namespace Conformance.Cli.Tests;

/// <summary>
/// The suite and the reference stand apart: the suite reaches the reference node only through its adapter project,
/// built beside it and loaded as a plug-in, and the reference never builds against the suite. Read from every
/// .csproj, from the built assemblies and from the command line's output folder, so a reference added back in the
/// wrong direction, directly or through another project, fails here before it ships.
/// </summary>
public sealed class ArchitectureTests
{
    private const string ReferenceAdapter = "conformance-tests/Conformance.Adapters.Reference/Conformance.Adapters.Reference.csproj";
    private const string ReferenceAdapterTests = "conformance-tests/Conformance.Adapters.Reference.Tests/Conformance.Adapters.Reference.Tests.csproj";
    private const string ReferenceNode = "reference/src/Reference/Reference.csproj";

    /// <summary>The protocol libraries both halves may build on.</summary>
    private static readonly string[] ProtocolLibraries =
    [
        "reference/src/Sip/Sip.csproj",
        "reference/src/Smpp/Smpp.csproj",
        "reference/src/Stir/Stir.csproj",
    ];

    /// <summary>What only the plug-in may carry: the adapter, the node, its rules and its storage drivers.</summary>
    private static readonly string[] ReferenceNodeAssemblies =
        ["Conformance.Adapters.Reference", "Reference", "Screening", "Labelling", "Microsoft.Data.Sqlite", "Npgsql"];

    private static readonly ProjectGraph Graph = ProjectGraph.OfThisRepository();

    /// <summary>Every project under conformance-tests/ but the adapter and its own tests.</summary>
    private static IEnumerable<string> SuiteProjects() =>
        Graph.Edges.Keys.Where(p => p.StartsWith("conformance-tests/", StringComparison.Ordinal) && p is not ReferenceAdapter and not ReferenceAdapterTests);

    private static IEnumerable<string> ReferenceProjects() =>
        Graph.Edges.Keys.Where(p => p.StartsWith("reference/", StringComparison.Ordinal));

    [Test]
    public void TheGraphIsReadFromTheRepository()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Graph.References[ReferenceAdapter], Does.Contain(ReferenceNode), "the graph resolves relative includes");
            Assert.That(Graph.Edges[ReferenceAdapterTests], Does.Contain(new ProjectEdge(ReferenceAdapter, BuildOnly: false)), "the graph reads a plain reference");
            Assert.That(SuiteProjects().Count(), Is.GreaterThanOrEqualTo(10));
            Assert.That(ReferenceProjects().Count(), Is.GreaterThanOrEqualTo(10));
        });
    }

    [TestCaseSource(nameof(ReferenceProjects))]
    public void NothingUnderReferenceDependsOnTheSuite(string project)
    {
        var wrong = Graph.Closure(project).Where(p => p.StartsWith("conformance-tests/", StringComparison.Ordinal));

        Assert.That(wrong, Is.Empty, $"{project} builds, directly or through others, against the suite; the reference is built and tested without it");
    }

    [TestCaseSource(nameof(SuiteProjects))]
    public void NoProjectOfTheSuiteDependsOnTheReferenceNode(string project)
    {
        var beyond = Graph.Closure(project).Where(p => p == ReferenceAdapter || (p.StartsWith("reference/", StringComparison.Ordinal) && !ProtocolLibraries.Contains(p)));

        Assert.That(beyond, Is.Empty,
            $"{project} depends, directly or through others, on the reference node; only {ReferenceAdapter} may, and the suite reaches it as a plug-in built by EmbeddedReferenceAdapter.targets, never by a ProjectReference, not even a build-only one");
    }

    /// <summary>
    /// The one place of the suite that names the adapter project is the build step that puts the plug-in in place;
    /// a project file that names it (a build-only reference, an MSBuild call of its own) is an edge by another name.
    /// </summary>
    [TestCaseSource(nameof(SuiteProjects))]
    public void NoProjectFileOfTheSuiteNamesTheReferenceAdapter(string project)
    {
        var text = File.ReadAllText(Path.Combine(Graph.Root, project));

        Assert.That(text, Does.Not.Contain("Conformance.Adapters.Reference.csproj").And.Not.Contain("Reference.csproj\""),
            $"{project} names the reference adapter or node; import EmbeddedReferenceAdapter.targets instead");
    }

    /// <summary>The command line as built, and this test project's own folder where the tests run it.</summary>
    [TestCase("the command line's output folder")]
    [TestCase("this test project's output folder")]
    public void NoAssemblyOfTheReferenceNodeSitsBesideTheSuiteNorInItsDependencies(string which)
    {
        var folder = which.StartsWith("the command line", StringComparison.Ordinal) ? ProjectGraph.Metadata("CliOutputDirectory") : AppContext.BaseDirectory;
        Assert.That(Path.Combine(folder, "conformance.deps.json"), Does.Exist, $"{folder} is not a built command line");
        Assert.That(Path.Combine(folder, "adapters", "reference", "Reference.dll"), Does.Exist, "the reference node is in its plug-in folder, so its absence beside the suite means something");

        var beside = ReferenceNodeAssemblies.Where(name => File.Exists(Path.Combine(folder, name + ".dll")));
        var listed = Directory.EnumerateFiles(folder, "*.deps.json")
            .SelectMany(deps => Libraries(deps).Where(library => ReferenceNodeAssemblies.Contains(library)).Select(library => $"{Path.GetFileName(deps)}: {library}"));

        Assert.Multiple(() =>
        {
            Assert.That(beside, Is.Empty, $"{folder} holds assemblies of the reference node beside the suite's");
            Assert.That(listed, Is.Empty, "a dependency list of the suite names the reference node");
        });
    }

    /// <summary>The compiler records an assembly reference only for assemblies whose types the code uses.</summary>
    [TestCase("conformance")]
    [TestCase("Conformance.Specs")]
    [TestCase("Conformance.Harness")]
    [TestCase("Conformance.Reporting")]
    [TestCase("Conformance.SpecModel")]
    [TestCase("Conformance.Cli.Tests")]
    [TestCase("ExampleVendorAdapter")]
    public void TheSuiteCodeNeverNamesTheReferenceNodeOrItsAdapter(string assembly)
    {
        var referenced = Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.That(referenced, Is.Not.Empty.And.None.AnyOf(ReferenceNodeAssemblies.Cast<object>().ToArray()),
            $"{assembly}.dll refers to the reference node; load the adapter as a plug-in (EmbeddedReferenceAdapter) instead");
    }

    private static IEnumerable<string> Libraries(string depsJson)
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(depsJson));
        return deps.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]).ToList();
    }
}
