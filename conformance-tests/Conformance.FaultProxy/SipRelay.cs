using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Sip;

namespace Conformance.FaultProxy;

/// <summary>
/// Relays UDP SIP between the suite and the system: one listening socket per realm facing the callers, a socket per
/// caller facing the system (<see cref="ClientSockets"/>), and one socket the system uses as its next hop, facing the
/// callee. Messages pass unchanged except for the faults switched on.
/// </summary>
internal sealed class SipRelay : IAsyncDisposable
{
    private const string LabelHeader = "Call-Info: <urn:label:harassment>;purpose=label;category=harassment;source=reports;count=10";

    private readonly ISet<string> _faults;
    private readonly SipParser _parser = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, Socket> _realms = new(StringComparer.Ordinal);
    private readonly Socket _calleeSide = Bound();
    private readonly ConcurrentDictionary<string, IPEndPoint> _nodeByCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _invitesRelayed = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Thread> _loops = [];
    private IReadOnlyDictionary<string, IPEndPoint> _node = new Dictionary<string, IPEndPoint>();
    private IPEndPoint _callee = new(IPAddress.Loopback, 0);

    public SipRelay(IEnumerable<string> realms, ISet<string> faults)
    {
        _faults = faults;
        foreach (var realm in realms)
        {
            _realms[realm] = Bound();
        }

        Clients = new ClientSockets(client => _loops.Add(Loop(client.Socket, (data, from) => FromNode(client, data, from))));
    }

    public ClientSockets Clients { get; }

    public IReadOnlyDictionary<string, IPEndPoint> Realms => _realms.ToDictionary(r => r.Key, r => (IPEndPoint)r.Value.LocalEndPoint!);

    /// <summary>Where the system must send admitted calls (its next hop).</summary>
    public IPEndPoint NextHop => (IPEndPoint)_calleeSide.LocalEndPoint!;

    public void Start(IReadOnlyDictionary<string, IPEndPoint> node, IPEndPoint callee)
    {
        _node = node;
        _callee = callee;
        foreach (var (realm, socket) in _realms)
        {
            if (node.TryGetValue(realm, out var target))
            {
                _loops.Add(Loop(socket, (data, from) => FromCaller(target, data, from)));
            }
        }

        _loops.Add(Loop(_calleeSide, CalleeSide));
    }

    private void FromCaller(IPEndPoint node, byte[] data, IPEndPoint caller)
    {
        var parsed = _parser.Parse(data, datagram: true);
        var request = parsed.Status == SipParseStatus.Complete ? parsed.Message as SipRequest : null;
        if (parsed.Status != SipParseStatus.Complete && _faults.Contains(Faults.RelayGarbage))
        {
            _calleeSide.SendTo(data, _callee);
        }

        if (request?.Method == "ACK" && _faults.Contains(Faults.RelayAck))
        {
            _calleeSide.SendTo(data, _callee);
        }

        if (request?.Method == "INVITE" && _faults.Contains(Faults.ForwardNewCallId) && IsInitial(request))
        {
            _calleeSide.SendTo(SipText.ReplaceCallId(data, "fault-" + Guid.NewGuid().ToString("N")), _callee);
        }

        if (request?.Method == "INVITE" && _faults.Contains(Faults.IgnoreRetransmission) && request.TopVia?.Branch is { } branch
            && !_invitesRelayed.TryAdd(branch, true))
        {
            return;
        }

        Clients.For(caller).Socket.SendTo(data, node);
    }

    private void FromNode(ClientSocket client, byte[] data, IPEndPoint node)
    {
        var realm = _node.FirstOrDefault(n => n.Value.Equals(node)).Key;
        if (realm is null || !_realms.TryGetValue(realm, out var socket))
        {
            return;
        }

        if (_faults.Contains(Faults.StripReason) && _parser.Parse(data, datagram: true).Message is SipResponse { StatusCode: >= 300 })
        {
            data = SipText.RemoveHeader(data, "Reason");
        }

        socket.SendTo(data, client.Client);
    }

    private void CalleeSide(byte[] data, IPEndPoint from)
    {
        var message = _parser.Parse(data, datagram: true).Message;
        if (from.Equals(_callee))
        {
            // The callee answers where the request came from: back to the system socket that sent it.
            if (message?.CallId is { } id && _nodeByCallId.TryGetValue(id, out var node))
            {
                _calleeSide.SendTo(data, node);
            }

            return;
        }

        if (message?.CallId is { } callId)
        {
            _nodeByCallId[callId] = from;
        }

        if (message is SipRequest { Method: "INVITE" })
        {
            if (_faults.Contains(Faults.AddLabelHeader))
            {
                data = SipText.AddHeader(data, LabelHeader);
            }

            if (_faults.Contains(Faults.RewriteCallerNumber))
            {
                data = SipText.RewriteCallerNumber(data);
            }
        }

        _calleeSide.SendTo(data, _callee);
    }

    private static bool IsInitial(SipRequest invite) =>
        invite.To is { } to && to.Parameters["tag"] is null;

    // A thread per socket, not the thread pool: the suite's steps may hold pool threads while they wait for an
    // answer that has to pass through here.
    private Thread Loop(Socket socket, Action<byte[], IPEndPoint> handle)
    {
        var thread = new Thread(() =>
        {
            var buffer = new byte[65535];
            while (!_stop.IsCancellationRequested)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int length;
                try
                {
                    length = socket.ReceiveFrom(buffer, ref from);
                }
                catch (SocketException) when (!_stop.IsCancellationRequested)
                {
                    // ICMP port unreachable from an earlier send surfaces here on Linux; the socket is still good.
                    continue;
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                try
                {
                    handle(buffer.AsSpan(0, length).ToArray(), (IPEndPoint)from);
                }
                catch (SocketException)
                {
                    // A peer gone away is what UDP allows; the next datagram is relayed as usual.
                }
            }
        })
        { IsBackground = true, Name = "fault-proxy " + socket.LocalEndPoint };
        thread.Start();
        return thread;
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Clients.Dispose();
        _calleeSide.Dispose();
        foreach (var socket in _realms.Values)
        {
            socket.Dispose();
        }

        foreach (var loop in _loops)
        {
            loop.Join(TimeSpan.FromSeconds(2));
        }

        _stop.Dispose();
    }
}
