using System.Net;

namespace Sip.Proxy;

/// <summary>The addresses the proxy listens on (its legs): what makes a Via, Route or Request-URI its own.</summary>
internal sealed class OwnAddresses
{
    private readonly List<ProxyLeg> _legs = [];

    public void Add(ProxyLeg leg)
    {
        lock (_legs)
        {
            _legs.Add(leg);
        }
    }

    public bool IsOurs(SipUri uri) => !uri.IsTel && Find(uri.Host, uri.Port ?? 5060) is not null;

    public bool IsOurs(ViaHeader via) => Find(via.Host, via.Port ?? 5060) is not null;

    private ProxyLeg? Find(string host, int port)
    {
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return null;
        }

        lock (_legs)
        {
            foreach (var leg in _legs)
            {
                var local = leg.LocalEndPoint;
                if (local.Port == port && local.Address.Equals(address))
                {
                    return leg;
                }
            }
        }

        return null;
    }
}
