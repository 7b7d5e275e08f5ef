using System.Net;
using System.Net.Sockets;
using Screening;
using Sip;
using Sip.Proxy;
using Sip.Transport;

namespace Reference.Signalling;

/// <summary>
/// The screening node's SIP side: one UDP socket per realm, and a TCP listener on the same port when configured,
/// all feeding one transaction-stateful proxy (<see cref="StatefulProxy"/>) whose policy is the screening
/// (<see cref="ScreeningPolicy"/>): intercepted INVITEs are answered through their server transaction, admitted
/// ones forwarded to the next hop on a client transaction, responses relayed back through the response context.
/// </summary>
public sealed class SipNode : IHostedService, IAsyncDisposable
{
    private static readonly SipParser ProxyParser = new(SipParserOptions.Proxy);

    private readonly SipNodeOptions _options;
    private readonly ScreeningPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ILogger<SipNode> _logger;
    private readonly List<RealmSockets> _realms = [];

    public SipNode(SipNodeOptions options, ScreeningPolicy policy, TimeProvider time, ILogger<SipNode> logger)
    {
        _options = options;
        _policy = policy;
        _time = time;
        _logger = logger;
        Proxy = new StatefulProxy(options.ToProxyOptions(), policy, time, logger);
    }

    public bool IsListening { get; private set; }

    /// <summary>The proxy core, for its counters and table sizes in the metrics.</summary>
    public StatefulProxy Proxy { get; }

    public IReadOnlyDictionary<Realm, IPEndPoint> Endpoints =>
        _realms.ToDictionary(r => r.Realm, r => r.Udp.LocalEndPoint);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (realm, endpoint) in _options.Realms)
        {
            var (udp, tcp) = Bind(endpoint);
            var leg = new ProxyLeg(udp, tcp);
            _realms.Add(new RealmSockets(realm, udp, tcp));
            _policy.Serve(leg, realm);
            Proxy.Listen(leg);
            udp.Start(message => Proxy.OnMessageAsync(leg, message));
            tcp?.Start(message => Proxy.OnMessageAsync(leg, message));
            _logger.LogInformation("Realm {Realm} listening on {Protocols} {Endpoint}", realm, tcp is null ? "udp" : "udp and tcp", udp.LocalEndPoint);
        }

        _logger.LogInformation("Admitted calls go to next hop {Transport} {NextHop}{RecordRoute}", _options.NextHopTransport, _options.NextHop,
            _options.RecordRoute ? ", record-routed" : string.Empty);
        IsListening = true;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The realm's UDP socket and, with TCP on, the TCP listener on the same port. Port 0 asks the system for a UDP
    /// port, which TCP may already hold (another listener, a connection's local port): then both are let go and
    /// another port is tried, so "port 0 picks a free port" holds for both transports.
    /// </summary>
    private (UdpSipTransport Udp, TcpSipTransport? Tcp) Bind(IPEndPoint endpoint)
    {
        const int Attempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            // The proxy stamps the ACKs it passes on itself: the ACK of every intercepted call goes no further.
            var udp = new UdpSipTransport(endpoint, ProxyParser, logger: _logger, batched: _options.UdpBatching, coalesceMicroseconds: _options.UdpCoalesceMicroseconds)
            {
                DefersAckStamping = true,
            };
            if (!_options.Tcp)
            {
                return (udp, null);
            }

            try
            {
                return (udp, new TcpSipTransport(udp.LocalEndPoint, _options.ToTcpOptions(), ProxyParser, _time, _logger) { DefersAckStamping = true });
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && endpoint.Port == 0 && attempt < Attempts)
            {
                udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch
            {
                udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        IsListening = false;
        foreach (var sockets in _realms)
        {
            await sockets.Udp.DisposeAsync();
            if (sockets.Tcp is not null)
            {
                await sockets.Tcp.DisposeAsync();
            }
        }

        _realms.Clear();
    }

    private sealed record RealmSockets(Realm Realm, UdpSipTransport Udp, TcpSipTransport? Tcp);
}
