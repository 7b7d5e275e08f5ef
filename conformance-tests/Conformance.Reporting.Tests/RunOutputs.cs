using TestSupport;

namespace Conformance.Reporting.Tests;

/// <summary>Removes the run's output folders (<see cref="SampleBundle.NewDirectory"/>) once every test of the project has run.</summary>
[SetUpFixture]
public sealed class RunOutputs
{
    internal static readonly ScratchFolders Folders = new("conformance-reporting-tests");

    [OneTimeTearDown]
    public void Remove() => Folders.RemoveUnlessFailed();
}
