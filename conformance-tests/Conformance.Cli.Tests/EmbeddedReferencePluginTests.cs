using System.Reflection;
using System.Runtime.Loader;
using Conformance.Harness.Adapters;
using Conformance.Harness.Targets;

namespace Conformance.Cli.Tests;

/// <summary>The embedded reference is a plug-in: loaded from its own folder into its own context, on the suite's contract.</summary>
public sealed class EmbeddedReferencePluginTests
{
    [Test]
    public void TheNodeLoadsInItsOwnContextAndImplementsTheSuitesContract()
    {
        var type = EmbeddedReferenceAdapter.AdapterType(TargetFile.EmbeddedReference);
        var context = AssemblyLoadContext.GetLoadContext(type.Assembly)!;
        var node = context.LoadFromAssemblyName(new AssemblyName("Reference"));

        Assert.Multiple(() =>
        {
            Assert.That(context, Is.InstanceOf<AdapterLoadContext>());
            Assert.That(type.Assembly.Location, Is.EqualTo(EmbeddedReferenceAdapter.AssemblyPath()));
            Assert.That(typeof(ISutAdapter).IsAssignableFrom(type), Is.True, "the adapter implements the suite's own ISutAdapter, not a copy of it");
            Assert.That(AssemblyLoadContext.GetLoadContext(node), Is.SameAs(context), "the node lives in the plug-in's context");
            Assert.That(AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name), Does.Not.Contain("Reference"));
            Assert.That(EmbeddedReferenceAdapter.AdapterType(TargetFile.EmbeddedReference), Is.SameAs(type), "loaded once per process");
        });
    }

    /// <summary>NUnit's runner sets the contextual reflection scope to the default context; the node must still find its SQLite bundle.</summary>
    [Test]
    public async Task TheNodeStartsUnderATestRunnerInsideItsOwnReflectionScope()
    {
        await using var node = ReferenceNode.Create();

        var endpoints = await node.StartAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(node, Is.InstanceOf<PlugInAdapter>());
            Assert.That(endpoints.Realms, Is.Not.Empty);
            Assert.That(endpoints.Management, Is.Not.Null);
        });
    }

    [Test]
    public void ACopyOfTheSuiteWithoutThePluginAsksForATarget()
    {
        var withoutPlugin = TestOutput.NewDirectory();

        var refused = Assert.Throws<TargetFileException>(() => EmbeddedReferenceAdapter.AdapterType(TargetFile.EmbeddedReference, withoutPlugin));

        Assert.That(refused!.Message, Does.Contain("--target").And.Contain(EmbeddedReferenceAdapter.RelativeFolder));
    }
}
