using System.Net;

namespace Conformance.Harness.Adapters;

/// <summary>Where the system under test listens, per realm name (access, interconnect, international), and its management API.</summary>
public sealed record SutEndpoints(IReadOnlyDictionary<string, IPEndPoint> Realms, Uri? Management = null)
{
    /// <summary>Bearer token for the management API, read from the environment; never written to evidence or reports.</summary>
    public string? ManagementToken { get; init; }

    /// <summary>The system's public portal: the target's $.web.url, or the node's own address for the embedded reference.</summary>
    public Uri? Web { get; init; }

    /// <summary>Keys of further roles by name ("regulator", "other-role"), for scenarios about refusals; never written to evidence either.</summary>
    public IReadOnlyDictionary<string, string> RoleTokens { get; init; } = new Dictionary<string, string>();

    // The token stays out of ToString, so a logged SutEndpoints cannot leak it.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Realms = ").Append(string.Join(", ", Realms.Select(r => $"{r.Key}={r.Value}"))).Append(", Management = ").Append(Management);
        return true;
    }

    /// <summary>Every entry point per realm name, for a system of several nodes; a realm not listed here has only its <see cref="Realms"/> address.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IPEndPoint>> EntryPoints { get; init; } = new Dictionary<string, IReadOnlyList<IPEndPoint>>();

    /// <summary>How many entry points the realm has (1 for a system of one node).</summary>
    public int EntryPointCount(string name) => EntryPoints.TryGetValue(name, out var listed) && listed.Count > 0 ? listed.Count : 1;

    /// <summary>The realm's entry point for the <paramref name="turn"/>th call of a scenario: calls go round the entry points in order.</summary>
    public IPEndPoint EntryPoint(string name, int turn) =>
        EntryPoints.TryGetValue(name, out var listed) && listed.Count > 0 ? listed[turn % listed.Count] : Realm(name);

    public IPEndPoint Realm(string name) =>
        Realms.TryGetValue(name, out var endpoint)
            ? endpoint
            : throw new SutUnavailableException($"the target declares no address for the {name} realm");
}
