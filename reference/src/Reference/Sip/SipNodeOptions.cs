using System.Net;
using Screening;

namespace Reference.Sip;

/// <summary>
/// Where each realm listens and where admitted calls go. Values are "address:port"; port 0 picks a free one.
/// With <see cref="Tcp"/> each realm also listens on TCP at the same address and port as its UDP socket;
/// <see cref="NextHopTransport"/> says whether admitted calls leave over UDP or TCP.
/// </summary>
public sealed record SipNodeOptions(IReadOnlyDictionary<Realm, IPEndPoint> Realms, IPEndPoint NextHop)
{
    public const string Udp = "udp";
    public const string TcpTransport = "tcp";

    public bool Tcp { get; init; }

    public string NextHopTransport { get; init; } = Udp;

    public static SipNodeOptions From(IConfiguration section)
    {
        var realms = new Dictionary<Realm, IPEndPoint>
        {
            [Realm.Access] = Parse(section, "Access", "127.0.0.1:5060"),
            [Realm.Interconnect] = Parse(section, "Interconnect", "127.0.0.1:5062"),
            [Realm.International] = Parse(section, "International", "127.0.0.1:5064"),
        };
        var tcpText = section["Tcp"] ?? "false";
        if (!bool.TryParse(tcpText, out var tcp))
        {
            throw new InvalidOperationException($"Configuration Sip:Tcp is '{tcpText}'; expected true or false.");
        }

        var nextHopTransport = (section["NextHopTransport"] ?? Udp).ToLowerInvariant();
        if (nextHopTransport is not (Udp or TcpTransport))
        {
            throw new InvalidOperationException($"Configuration Sip:NextHopTransport is '{nextHopTransport}'; expected udp or tcp.");
        }

        if (nextHopTransport == TcpTransport && !tcp)
        {
            throw new InvalidOperationException("Configuration Sip:NextHopTransport is tcp but Sip:Tcp is false; set Sip:Tcp=true.");
        }

        return new SipNodeOptions(realms, Parse(section, "NextHop", "127.0.0.1:5070")) { Tcp = tcp, NextHopTransport = nextHopTransport };
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
