using System.Net;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>
/// A system started elsewhere that speaks the standard management API (spec/api/openapi.yaml): realm addresses and
/// the API's base URL come from the target file, the API token from the environment variable the file names.
/// A vendor with the standard API needs nothing else.
/// </summary>
public sealed class GenericAdapter(TargetFile target) : ISutAdapter
{
    public string Name => TargetFile.GenericAdapter;

    public Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken)
    {
        var management = target.ManagementUrl
            ?? throw new SutUnavailableException($"{target.SourcePath}: the generic adapter needs $.management.url");
        return Task.FromResult(new SutEndpoints(target.Realms, management) { ManagementToken = ManagementToken.Read(target) });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
