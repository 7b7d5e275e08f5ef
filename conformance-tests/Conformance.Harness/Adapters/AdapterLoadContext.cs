using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Conformance.Harness.Adapters;

/// <summary>
/// Loads an adapter from its own build output as a plug-in: the assemblies and native libraries its .deps.json
/// lists are taken from its folder, except those the suite already has, which stay the suite's. So the adapter
/// implements the very <see cref="ISutAdapter"/> the suite calls, while what only the adapter needs (the reference
/// node, its SQLite and PostgreSQL drivers and their native libraries) never enters the suite's own folder or
/// dependency list.
/// </summary>
public sealed class AdapterLoadContext : AssemblyLoadContext
{
    private static readonly ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);

    /// <summary>The simple names of the assemblies the suite's process resolves itself (its .deps.json and shared frameworks).</summary>
    private static readonly Lazy<HashSet<string>> TrustedPlatformAssemblies = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase));

    private readonly AssemblyDependencyResolver _resolver;

    private AdapterLoadContext(string assemblyPath)
        : base($"adapter:{Path.GetFileNameWithoutExtension(assemblyPath)}")
    {
        _resolver = new AssemblyDependencyResolver(assemblyPath);
    }

    /// <summary>The adapter assembly at <paramref name="assemblyPath"/>, loaded once per process whatever the number of runs.</summary>
    public static Assembly LoadAdapter(string assemblyPath) =>
        Loaded.GetOrAdd(Path.GetFullPath(assemblyPath), path => new AdapterLoadContext(path).LoadFromAssemblyPath(path));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // The suite's copy of what the suite has (the contract in Conformance.Harness, the protocol libraries, the shared
        // framework): one type identity on both sides of the plug-in boundary. Null hands the name to the suite's context.
        // Asked of the host's list, not by trying to load: a failed load there runs the host's resolve handlers (a test
        // host's probe folders), which could load a copy of an assembly only the adapter has into the suite's context.
        var name = assemblyName.Name ?? "";
        if (TrustedPlatformAssemblies.Value.Contains(name) || Default.Assemblies.Any(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
