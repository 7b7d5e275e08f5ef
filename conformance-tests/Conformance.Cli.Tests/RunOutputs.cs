using TestSupport;

namespace Conformance.Cli.Tests;

/// <summary>Removes the run's output folders (<see cref="TestOutput.NewDirectory"/>) once every test of the project has run.</summary>
[SetUpFixture]
public sealed class RunOutputs
{
    internal static readonly ScratchFolders Folders = new("conformance-cli-tests");

    [OneTimeTearDown]
    public void Remove() => Folders.RemoveUnlessFailed();
}
