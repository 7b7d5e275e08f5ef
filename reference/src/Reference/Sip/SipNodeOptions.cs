using System.Net;
using Screening;

namespace Reference.Sip;

/// <summary>Where each realm listens and where admitted calls go. Values are "address:port"; port 0 picks a free one.</summary>
public sealed record SipNodeOptions(IReadOnlyDictionary<Realm, IPEndPoint> Realms, IPEndPoint NextHop)
{
    public static SipNodeOptions From(IConfiguration section)
    {
        var realms = new Dictionary<Realm, IPEndPoint>
        {
            [Realm.Access] = Parse(section, "Access", "127.0.0.1:5060"),
            [Realm.Interconnect] = Parse(section, "Interconnect", "127.0.0.1:5062"),
            [Realm.International] = Parse(section, "International", "127.0.0.1:5064"),
        };
        return new SipNodeOptions(realms, Parse(section, "NextHop", "127.0.0.1:5070"));
    }

    private static IPEndPoint Parse(IConfiguration section, string key, string fallback)
    {
        var text = section[key] ?? fallback;
        if (!IPEndPoint.TryParse(text, out var endpoint))
        {
            throw new InvalidOperationException(
                $"Configuration Sip:{key} is '{text}'; expected an address and port such as {fallback}.");
        }

        return endpoint;
    }
}
