using Conformance.Harness.Sip;

namespace Conformance.Specs.Support;

/// <summary>
/// The originating UAs a scenario opened, one per provisioned trunk (a trunk is known by its source ip:port);
/// closed when the scenario ends, because the scenario container disposes what it created.
/// </summary>
public sealed class TrunkPeers : IDisposable
{
    private readonly List<OriginatingUa> _peers = [];

    public OriginatingUa Open()
    {
        var ua = new OriginatingUa(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        lock (_peers)
        {
            _peers.Add(ua);
        }

        return ua;
    }

    public void Dispose()
    {
        lock (_peers)
        {
            foreach (var ua in _peers)
            {
                ua.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            _peers.Clear();
        }
    }
}
