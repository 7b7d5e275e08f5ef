using System.Globalization;
using System.Net;
using Screening;
using Sip.Proxy;
using Sip.Transactions;
using Sip.Transport;

namespace Reference.Signalling;

/// <summary>
/// Where each realm listens and where admitted calls go. Values are "address:port"; port 0 picks a free one.
/// With <see cref="Tcp"/> each realm also listens on TCP at the same address and port as its UDP socket;
/// <see cref="NextHopTransport"/> says whether admitted calls leave over UDP or TCP. <see cref="RecordRoute"/> keeps the
/// node in the route set of the dialogs it forwards; <see cref="MaxTransactions"/> is the overload bound past which new
/// INVITEs are answered 503 with <see cref="RetryAfterSeconds"/>; <see cref="T1Milliseconds"/> scales every transaction timer.
/// </summary>
public sealed record SipNodeOptions(IReadOnlyDictionary<Realm, IPEndPoint> Realms, IPEndPoint NextHop)
{
    public const string Udp = "udp";
    public const string TcpTransport = "tcp";

    public bool Tcp { get; init; }

    public string NextHopTransport { get; init; } = Udp;

    public bool RecordRoute { get; init; }

    /// <summary>UDP datagrams taken and sent in batches (<c>recvmmsg</c>/<c>sendmmsg</c>, Linux); false makes one system call a datagram.</summary>
    public bool UdpBatching { get; init; } = true;

    /// <summary>
    /// Batched, how long a busy UDP receive loop pauses between batches so that one wake-up takes the datagrams that came
    /// meanwhile (<see cref="UdpSipTransport"/>); 0 turns the pause off. An idle socket never pauses. 200 µs by default:
    /// it takes two thirds of the receive calls away, and on a quiet machine each of three rounds of the node with it cost
    /// 12–27 % less CPU per intercepted call than the node without it (bench/figures/quiet4-load-udp-intercept.txt); under
    /// load a datagram waits about 12 µs more at the median (bench/figures/coalesce-summary.txt).
    /// </summary>
    public int UdpCoalesceMicroseconds { get; init; } = DefaultUdpCoalesceMicroseconds;

    public const int DefaultUdpCoalesceMicroseconds = 200;

    public int MaxTransactions { get; init; } = 200_000;

    public int RetryAfterSeconds { get; init; } = 5;

    public int T1Milliseconds { get; init; } = 500;

    /// <summary>The TCP listeners' bounds (<see cref="TcpTransportOptions"/>): total and per-source connections, idle and keep-alive-only time.</summary>
    public int TcpMaxConnections { get; init; } = TcpTransportOptions.Default.MaxConnections;

    public int TcpMaxConnectionsPerSource { get; init; } = TcpTransportOptions.Default.MaxConnectionsPerSource;

    public int TcpIdleSeconds { get; init; } = (int)TcpTransportOptions.Default.IdleTimeout.TotalSeconds;

    public int TcpKeepAliveOnlySeconds { get; init; } = (int)TcpTransportOptions.Default.KeepAliveOnlyTimeout.TotalSeconds;

    public TcpTransportOptions ToTcpOptions() => TcpTransportOptions.Default with
    {
        MaxConnections = TcpMaxConnections,
        MaxConnectionsPerSource = TcpMaxConnectionsPerSource,
        IdleTimeout = TimeSpan.FromSeconds(TcpIdleSeconds),
        KeepAliveOnlyTimeout = TimeSpan.FromSeconds(TcpKeepAliveOnlySeconds),
    };

    /// <summary>Realms whose callers' P-Asserted-Identity and label Call-Info are passed on (<see cref="EdgeHygiene"/>): only interconnect may be named.</summary>
    public IReadOnlySet<Realm> TrustedRealms { get; init; } = new HashSet<Realm>();

    public ProxyOptions ToProxyOptions() => new(NextHop)
    {
        NextHopProtocol = TransportProtocols.Of(NextHopTransport),
        RecordRoute = RecordRoute,
        MaxServerTransactions = MaxTransactions,
        RetryAfter = TimeSpan.FromSeconds(RetryAfterSeconds),
        Timers = new TransactionTimers { T1 = TimeSpan.FromMilliseconds(T1Milliseconds) },
    };

    public static SipNodeOptions From(IConfiguration section)
    {
        var realms = new Dictionary<Realm, IPEndPoint>
        {
            [Realm.Access] = Parse(section, "Access", "127.0.0.1:5060"),
            [Realm.Interconnect] = Parse(section, "Interconnect", "127.0.0.1:5062"),
            [Realm.International] = Parse(section, "International", "127.0.0.1:5064"),
        };
        var tcp = Flag(section, "Tcp");

        var nextHopTransport = (section["NextHopTransport"] ?? Udp).ToLowerInvariant();
        if (nextHopTransport is not (Udp or TcpTransport))
        {
            throw new InvalidOperationException($"Configuration Sip:NextHopTransport is '{nextHopTransport}'; expected udp or tcp.");
        }

        if (nextHopTransport == TcpTransport && !tcp)
        {
            throw new InvalidOperationException("Configuration Sip:NextHopTransport is tcp but Sip:Tcp is false; set Sip:Tcp=true.");
        }

        return new SipNodeOptions(realms, Parse(section, "NextHop", "127.0.0.1:5070"))
        {
            Tcp = tcp,
            NextHopTransport = nextHopTransport,
            RecordRoute = Flag(section, "RecordRoute"),
            UdpBatching = Flag(section, "UdpBatching", fallback: true),
            UdpCoalesceMicroseconds = Microseconds(section, "UdpCoalesceMicroseconds", DefaultUdpCoalesceMicroseconds, UdpSipTransport.MaxCoalesceMicroseconds),
            MaxTransactions = Positive(section, "MaxTransactions", 200_000),
            RetryAfterSeconds = Positive(section, "RetryAfterSeconds", 5),
            T1Milliseconds = Positive(section, "T1Milliseconds", 500),
            TrustedRealms = TrustedRealmsOf(section),
            TcpMaxConnections = Positive(section, "TcpMaxConnections", TcpTransportOptions.Default.MaxConnections),
            TcpMaxConnectionsPerSource = Positive(section, "TcpMaxConnectionsPerSource", TcpTransportOptions.Default.MaxConnectionsPerSource),
            TcpIdleSeconds = Positive(section, "TcpIdleSeconds", (int)TcpTransportOptions.Default.IdleTimeout.TotalSeconds),
            TcpKeepAliveOnlySeconds = Positive(section, "TcpKeepAliveOnlySeconds", (int)TcpTransportOptions.Default.KeepAliveOnlyTimeout.TotalSeconds),
        };
    }

    private static HashSet<Realm> TrustedRealmsOf(IConfiguration section)
    {
        var trusted = new HashSet<Realm>();
        foreach (var text in section.GetSection("TrustedRealms").GetChildren().Select(c => c.Value ?? string.Empty))
        {
            if (!Enum.TryParse<Realm>(text, ignoreCase: true, out var realm) || !Enum.IsDefined(realm) || !EdgeHygiene.Trustable.Contains(realm))
            {
                throw new InvalidOperationException(
                    $"Configuration Sip:TrustedRealms names '{text}'; only interconnect may be trusted (access and international callers never are).");
            }

            trusted.Add(realm);
        }

        return trusted;
    }

    private static bool Flag(IConfiguration section, string key, bool fallback = false)
    {
        var text = section[key] ?? (fallback ? "true" : "false");
        if (!bool.TryParse(text, out var value))
        {
            throw new InvalidOperationException($"Configuration Sip:{key} is '{text}'; expected true or false.");
        }

        return value;
    }

    private static int Positive(IConfiguration section, string key, int fallback)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new InvalidOperationException($"Configuration Sip:{key} is '{text}'; expected a whole number above zero, such as {fallback}.");
        }

        return value;
    }

    private static int Microseconds(IConfiguration section, string key, int fallback, int most)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > most)
        {
            throw new InvalidOperationException($"Configuration Sip:{key} is '{text}'; expected microseconds from 0 (off) to {most}, such as {fallback}.");
        }

        return value;
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
