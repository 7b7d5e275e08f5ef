using System.Net;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Adapters;

/// <summary>
/// A system started elsewhere ("adapter": "generic" or "target-file", the two names kept for the target files that
/// use them): realm addresses and the management API's base URL come from the target file, the API's bearer token
/// from the environment variable $.management.tokenVariable names. The system must already send admitted calls to
/// the suite's terminating peer. A vendor with the standard management API (spec/api/openapi.yaml) needs nothing else.
/// </summary>
public sealed class ExternalSystemAdapter(TargetFile target) : ISutAdapter
{
    /// <summary>The name the target file gave, so the report says what the lab wrote.</summary>
    public string Name => target.Adapter;

    public Task<SutEndpoints> StartAsync(IPEndPoint terminatingPeer, CancellationToken cancellationToken)
    {
        // "generic" promises the standard management API; "target-file" may test the SIP side alone.
        if (target.Adapter == TargetFile.GenericAdapter && target.ManagementUrl is null)
        {
            throw new SutUnavailableException($"{target.SourcePath}: the generic adapter needs $.management.url");
        }

        return Task.FromResult(new SutEndpoints(target.Realms, target.ManagementUrl) { EntryPoints = target.EntryPoints, ManagementToken = ManagementToken.Read(target), RoleTokens = ManagementToken.ReadRoles(target), Web = target.WebUrl });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
