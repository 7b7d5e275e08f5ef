using System.Reflection;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>
/// The embedded reference adapter ("adapter": "reference"): a plug-in folder beside the suite
/// (<see cref="RelativeFolder"/>), loaded by path into its own <see cref="AdapterLoadContext"/> like a custom adapter.
/// The suite is neither compiled against the reference node nor lists it among its dependencies, so a copy of the
/// suite shipped without the folder (the packed dotnet tool) still tests every external system.
/// </summary>
public static class EmbeddedReferenceAdapter
{
    public const string AssemblyName = "Conformance.Adapters.Reference";

    /// <summary>Where the build puts the adapter's output, relative to the suite's own folder.</summary>
    public const string RelativeFolder = "adapters/reference";

    /// <summary>The adapter assembly the suite in this folder uses.</summary>
    public static string AssemblyPath(string? suiteFolder = null) =>
        Path.Combine(suiteFolder ?? AppContext.BaseDirectory, RelativeFolder, AssemblyName + ".dll");

    /// <param name="suiteFolder">The folder of the suite's assemblies; the running suite's when null.</param>
    public static Type AdapterType(TargetFile target, string? suiteFolder = null)
    {
        var path = AssemblyPath(suiteFolder);
        if (!File.Exists(path))
        {
            throw new TargetFileException($"{target.SourcePath}: $.adapter \"{TargetFile.ReferenceAdapter}\" needs the embedded reference adapter, which this copy of the suite does not hold ({path} is missing; the packed tool never carries it); give --target with the system to test.");
        }

        Assembly assembly;
        try
        {
            assembly = AdapterLoadContext.LoadAdapter(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new TargetFileException($"{target.SourcePath}: $.adapter \"{TargetFile.ReferenceAdapter}\": {path} could not be loaded ({ex.Message}); rebuild the suite.");
        }

        return CustomAdapterLoader.AdapterType(assembly, path, target);
    }
}
