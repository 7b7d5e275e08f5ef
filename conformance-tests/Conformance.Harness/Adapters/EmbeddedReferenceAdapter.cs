using System.Reflection;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>
/// The embedded reference adapter ("adapter": "reference"): an assembly shipped beside the suite's and loaded by
/// name like any custom adapter. The suite is never compiled against the reference node, so a copy of the suite
/// shipped without the adapter still tests every external system.
/// </summary>
public static class EmbeddedReferenceAdapter
{
    public const string AssemblyName = "Conformance.Adapters.Reference";

    public static Type AdapterType(TargetFile target)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(AssemblyName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new TargetFileException($"{target.SourcePath}: $.adapter \"{TargetFile.ReferenceAdapter}\" needs the embedded reference adapter ({AssemblyName}.dll), which this copy of the suite does not hold ({ex.Message}); give --target with the system to test.");
        }

        return CustomAdapterLoader.AdapterType(assembly, AssemblyName, target);
    }
}
