using System.Net;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>A system started elsewhere: its realm addresses come from the target file, and it must already send admitted calls to the suite's terminating peer. Its management API, when the file names one, gets the bearer token from the variable $.management.tokenVariable names, as the generic adapter's does.</summary>
public sealed class TargetFileAdapter(TargetFile target) : ISutAdapter
{
    public string Name => TargetFile.TargetFileAdapter;

    public Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken) =>
        Task.FromResult(new SutEndpoints(target.Realms, target.ManagementUrl) { ManagementToken = ManagementToken.Read(target) });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
