using System.Reflection;
using System.Runtime.Loader;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>
/// Loads a vendor's adapter from the assembly the target file names. The contract (VENDOR-GUIDE.md): the assembly
/// holds exactly one public, non-abstract class implementing <see cref="ISutAdapter"/>, with a public constructor
/// taking the <see cref="TargetFile"/> and the <see cref="WarningPeers"/>, the <see cref="TargetFile"/> alone, or
/// nothing at all (the first found in that order is used). The assembly is built against Conformance.Harness; the suite's
/// copy of that assembly is the one used, so the interface the adapter implements is the one the suite calls.
/// </summary>
public static class CustomAdapterLoader
{
    public static ISutAdapter Create(string assemblyPath, TargetFile target, WarningPeers? warningPeers = null) =>
        Create(AdapterType(assemblyPath, target), target, warningPeers);

    public static ISutAdapter Create(Type type, TargetFile target, WarningPeers? warningPeers = null) =>
        AssemblyLoadContext.GetLoadContext(type.Assembly) is AdapterLoadContext plugIn
            ? PlugInAdapter.Create(() => Construct(type, target, warningPeers), plugIn)
            : Construct(type, target, warningPeers);

    private static ISutAdapter Construct(Type type, TargetFile target, WarningPeers? warningPeers)
    {
        if (warningPeers is not null && type.GetConstructor([typeof(TargetFile), typeof(WarningPeers)]) is { } withPeers)
        {
            return (ISutAdapter)withPeers.Invoke([target, warningPeers]);
        }

        if (type.GetConstructor([typeof(TargetFile)]) is { } withTarget)
        {
            return (ISutAdapter)withTarget.Invoke([target]);
        }

        return type.GetConstructor(Type.EmptyTypes) is { } parameterless
            ? (ISutAdapter)parameterless.Invoke([])
            : throw new TargetFileException($"{target.SourcePath}: $.adapter {type.FullName} has no public constructor taking a TargetFile or nothing; add one.");
    }

    /// <summary>Finds the adapter class without starting anything, so a wrong assembly is refused before the run.</summary>
    public static Type AdapterType(string assemblyPath, TargetFile target)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(assemblyPath);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new TargetFileException($"{target.SourcePath}: $.adapter {assemblyPath} could not be loaded as a .NET assembly ({ex.Message}); build the adapter for net10.0 and point at its .dll.");
        }

        return AdapterType(assembly, assemblyPath, target);
    }

    /// <param name="source">How the target reaches the assembly (its path, or its name for a built-in one), for the errors.</param>
    public static Type AdapterType(Assembly assembly, string source, TargetFile target)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw new TargetFileException($"{target.SourcePath}: $.adapter {source}: its types could not be read ({ex.Message}); copy the adapter's dependencies next to it.");
        }

        var candidates = types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISutAdapter).IsAssignableFrom(t)).ToList();
        if (candidates.Count != 1)
        {
            throw new TargetFileException(candidates.Count == 0
                ? $"{target.SourcePath}: $.adapter {source} holds no public class implementing {typeof(ISutAdapter).FullName}; an adapter assembly must hold exactly one."
                : $"{target.SourcePath}: $.adapter {source} holds {candidates.Count} adapters ({string.Join(", ", candidates.Select(c => c.FullName))}); an adapter assembly must hold exactly one.");
        }

        var type = candidates[0];
        return type.GetConstructor([typeof(TargetFile), typeof(WarningPeers)]) is not null || type.GetConstructor([typeof(TargetFile)]) is not null || type.GetConstructor(Type.EmptyTypes) is not null
            ? type
            : throw new TargetFileException($"{target.SourcePath}: $.adapter {type.FullName} has no public constructor taking a TargetFile and WarningPeers, a TargetFile, or nothing; add one.");
    }
}
