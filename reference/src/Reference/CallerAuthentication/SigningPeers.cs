using System.Collections.Concurrent;
using System.Net;
using Reference.Storage;

namespace Reference.CallerAuthentication;

/// <summary>
/// Domestic carriers' signalling peers ("ip:port") that have agreed to sign every call: their calls must carry a
/// valid Identity header and are refused when they do not (428, 436, 437, 438, 403). Calls from other peers are
/// verified when signed and forwarded either way, marked with the result. Peers are written to the store before they
/// take effect, and read back from it when the node starts.
/// </summary>
public sealed class SigningPeers
{
    private readonly ConcurrentDictionary<string, bool> _peers = new(StringComparer.Ordinal);
    private readonly IDirectoryStore _store;

    public SigningPeers()
        : this(MemoryOnlyStore.Instance)
    {
    }

    public SigningPeers(IDirectoryStore store)
    {
        _store = store;
        foreach (var peer in store.SigningPeers())
        {
            _peers[peer] = true;
        }
    }

    public void Add(IPEndPoint peer)
    {
        var address = peer.ToString();
        _store.AddSigningPeer(address);
        _peers[address] = true;
    }

    /// <summary>A peer another node added to the shared store: in force here too, without writing it again.</summary>
    public void Known(string address) => _peers[address] = true;

    /// <summary>Reads every peer from the store again (after notifications may have been missed).</summary>
    public void Reload()
    {
        foreach (var peer in _store.SigningPeers())
        {
            _peers[peer] = true;
        }
    }

    public bool MustSign(string source) => _peers.ContainsKey(source);
}
