using System.Net;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>A system started elsewhere: its realm addresses come from the target file, and it must already send admitted calls to the suite's terminating peer.</summary>
public sealed class TargetFileAdapter(TargetFile target) : ISutAdapter
{
    public string Name => TargetFile.TargetFileAdapter;

    public Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken) =>
        Task.FromResult(new SutEndpoints(target.Realms, target.ManagementUrl));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
