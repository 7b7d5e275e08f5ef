using System.Collections.Concurrent;
using System.Net;

namespace Reference.Stir;

/// <summary>
/// Domestic carriers' signalling peers ("ip:port") that have agreed to sign every call: their calls must carry a
/// valid Identity header and are refused when they do not (428, 436, 437, 438, 403). Calls from other peers are
/// verified when signed and forwarded either way, marked with the result.
/// </summary>
public sealed class SigningPeers
{
    private readonly ConcurrentDictionary<string, bool> _peers = new(StringComparer.Ordinal);

    public void Add(IPEndPoint peer) => _peers[peer.ToString()] = true;

    public bool MustSign(string source) => _peers.ContainsKey(source);
}
