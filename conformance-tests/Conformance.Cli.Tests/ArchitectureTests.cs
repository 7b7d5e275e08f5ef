using System.Reflection;

namespace Conformance.Cli.Tests;

/// <summary>
/// The suite and the reference stand apart: the suite reaches the reference node only through its adapter project,
/// loaded by name, and the reference never builds against the suite. Read from every .csproj and from the built
/// assemblies, so a reference added back in the wrong direction fails here before it ships.
/// </summary>
public sealed class ArchitectureTests
{
    private const string ReferenceAdapter = "conformance-tests/Conformance.Adapters.Reference/Conformance.Adapters.Reference.csproj";

    /// <summary>The protocol libraries both halves may build on.</summary>
    private static readonly string[] ProtocolLibraries =
    [
        "reference/src/Sip/Sip.csproj",
        "reference/src/Smpp/Smpp.csproj",
        "reference/src/Stir/Stir.csproj",
    ];

    /// <summary>What a lab installs: none of it may need the reference node to build or load.</summary>
    private static readonly string[] SuiteLibraries =
    [
        "conformance-tests/Conformance.SpecModel/Conformance.SpecModel.csproj",
        "conformance-tests/Conformance.Reporting/Conformance.Reporting.csproj",
        "conformance-tests/Conformance.Harness/Conformance.Harness.csproj",
    ];

    private static readonly ProjectGraph Graph = ProjectGraph.OfThisRepository();

    [Test]
    public void TheGraphIsReadFromTheRepository()
    {
        Assert.That(Graph.References.Keys, Does.Contain(ReferenceAdapter).And.Contain("reference/src/Reference/Reference.csproj"));
        Assert.That(Graph.References[ReferenceAdapter], Does.Contain("reference/src/Reference/Reference.csproj"), "the graph resolves relative includes");
    }

    [Test]
    public void NothingUnderReferenceReferencesTheSuite()
    {
        var wrong = Edges().Where(e => e.From.StartsWith("reference/", StringComparison.Ordinal) && e.To.StartsWith("conformance-tests/", StringComparison.Ordinal));

        Assert.That(wrong.Select(e => $"{e.From} -> {e.To}"), Is.Empty, "the reference is built and tested without the suite");
    }

    [Test]
    public void OnlyTheReferenceAdapterReferencesTheReferenceBeyondItsProtocolLibraries()
    {
        var wrong = Edges().Where(e => e.From.StartsWith("conformance-tests/", StringComparison.Ordinal)
            && e.From != ReferenceAdapter
            && e.To.StartsWith("reference/", StringComparison.Ordinal)
            && !ProtocolLibraries.Contains(e.To));

        Assert.That(wrong.Select(e => $"{e.From} -> {e.To}"), Is.Empty,
            $"the suite reaches the reference node only through {ReferenceAdapter}");
    }

    [TestCaseSource(nameof(SuiteLibraries))]
    public void TheSuiteLibrariesBuildWithoutTheReferenceNode(string library)
    {
        var beyond = Graph.Closure(library).Where(p => p == ReferenceAdapter || (p.StartsWith("reference/", StringComparison.Ordinal) && !ProtocolLibraries.Contains(p)));

        Assert.That(beyond, Is.Empty, $"{library} depends, directly or through others, on the reference node");
    }

    /// <summary>
    /// The command line and the bindings carry the reference adapter in their output folder so "adapter":
    /// "reference" works out of the box, but their code never names it: the compiler records an assembly reference
    /// only for assemblies whose types the code uses.
    /// </summary>
    [TestCase("conformance")]
    [TestCase("Conformance.Specs")]
    [TestCase("Conformance.Harness")]
    [TestCase("Conformance.Reporting")]
    [TestCase("Conformance.SpecModel")]
    public void TheSuiteCodeNeverNamesTheReferenceNodeOrItsAdapter(string assembly)
    {
        var referenced = Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.That(referenced, Is.Not.Empty.And.None.AnyOf("Conformance.Adapters.Reference", "Reference", "Screening", "Labelling"),
            $"{assembly}.dll refers to the reference node; load the adapter by name (EmbeddedReferenceAdapter) instead");
    }

    private static IEnumerable<(string From, string To)> Edges() =>
        Graph.References.SelectMany(p => p.Value.Select(to => (p.Key, to)));
}
