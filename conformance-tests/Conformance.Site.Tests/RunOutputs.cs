using TestSupport;

namespace Conformance.Site.Tests;

/// <summary>Removes the run's output folders (<see cref="SiteFixture.Publish"/>) once every test of the project has run.</summary>
[SetUpFixture]
public sealed class RunOutputs
{
    internal static readonly ScratchFolders Folders = new("conformance-site-tests");

    [OneTimeTearDown]
    public void Remove() => Folders.RemoveUnlessFailed();
}
