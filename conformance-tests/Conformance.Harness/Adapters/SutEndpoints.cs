using System.Net;

namespace Conformance.Harness.Adapters;

/// <summary>Where the system under test listens, per realm name (access, interconnect, international), and its management API.</summary>
public sealed record SutEndpoints(IReadOnlyDictionary<string, IPEndPoint> Realms, Uri? Management = null)
{
    public IPEndPoint Realm(string name) =>
        Realms.TryGetValue(name, out var endpoint)
            ? endpoint
            : throw new SutUnavailableException($"the target declares no address for the {name} realm");
}
