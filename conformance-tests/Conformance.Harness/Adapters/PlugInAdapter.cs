using System.Net;
using System.Runtime.Loader;

namespace Conformance.Harness.Adapters;

/// <summary>
/// An adapter loaded as a plug-in (<see cref="AdapterLoadContext"/>), called inside its own context's contextual
/// reflection scope. A library the adapter uses may load a further assembly by name (Microsoft.Data.Sqlite loads the
/// SQLite bundle that way): with no scope, the name is resolved in the library's own context, but a host may have set
/// the scope to its default context (NUnit's runner does), where the plug-in's assemblies are not to be found.
/// </summary>
public sealed class PlugInAdapter(ISutAdapter adapter, AssemblyLoadContext context) : ISutAdapter
{
    public string Name => adapter.Name;

    /// <summary>Builds the adapter inside the scope too: a constructor may load what it needs.</summary>
    public static ISutAdapter Create(Func<ISutAdapter> construct, AssemblyLoadContext context)
    {
        using (context.EnterContextualReflection())
        {
            return new PlugInAdapter(construct(), context);
        }
    }

    public async Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken)
    {
        using (context.EnterContextualReflection())
        {
            return await adapter.StartAsync(terminatingPeer, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (context.EnterContextualReflection())
        {
            await adapter.DisposeAsync();
        }
    }
}
