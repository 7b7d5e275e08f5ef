using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Conformance.Harness.Evidence;
using Sip;

namespace Conformance.Harness.Calls;

/// <summary>
/// The suite's called side: the network beyond the system under test. It keeps every datagram and every TCP
/// connection's bytes that reach it, parsed or not (<see cref="Arrivals"/>), so that a check can tell what a system
/// let through even when it is not SIP. Datagrams that parse as SIP requests are answered as a callee would: INVITEs
/// ring and are answered, BYE and CANCEL complete, so a forwarded call runs to a clean end. TCP bytes are kept, not
/// answered: the suite's callee is reached over UDP, and a system that opens a connection to it is seen doing so.
/// </summary>
public sealed class TerminatingUa : IAsyncDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly SipParser _parser = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly MessageWaiter<CalleeArrival> _arrivals = new();
    private readonly ConcurrentDictionary<string, byte> _ringOnly = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (SipRequest Invite, string Tag)> _ringing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Socket> _connections = new();
    private readonly ConcurrentQueue<WireRecord> _answers = new();
    private readonly List<Task> _loops = [];
    private long _sequence;
    private int _nextConnection;

    public TerminatingUa(IPEndPoint bindTo)
    {
        (_udp, _tcp) = Bind(bindTo);
        LocalEndPoint = (IPEndPoint)_udp.LocalEndPoint!;
        _loops.Add(Task.Run(ReceiveDatagramsAsync));
        _loops.Add(Task.Run(AcceptConnectionsAsync));
    }

    /// <summary>Where the callee listens, on UDP and TCP alike.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Everything that reached the callee so far, in arrival order.</summary>
    public IReadOnlyList<CalleeArrival> Arrivals => _arrivals.Where(_ => true);

    /// <summary>
    /// Everything that crossed the callee's wire from <paramref name="since"/> on: each arrival as it came, and each
    /// answer the callee sent, in order. A scenario's evidence takes them when it ends.
    /// </summary>
    public IReadOnlyList<WireRecord> WireSince(DateTimeOffset since) =>
    [
        .. _arrivals.Where(a => a.At >= since)
            .Select(a => new WireRecord(a.At, a.Transport, a.Remote, LocalEndPoint, a.Bytes, a.Connection,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"arrival #{a.Sequence}{(a.Message is null && a.Transport == "UDP" ? ", not parsed as SIP" : string.Empty)}")))
            .Concat(_answers.Where(w => w.At >= since))
            .OrderBy(w => w.At),
    ];

    /// <summary>The sequence of the latest arrival: take it before sending, and what comes after it is what the send caused.</summary>
    public long Mark() => Interlocked.Read(ref _sequence);

    public IReadOnlyList<CalleeArrival> ArrivalsSince(long mark) => _arrivals.Where(a => a.Sequence > mark);

    /// <summary>The Call-IDs of the requests that reached the callee up to <paramref name="mark"/>: calls forwarded before.</summary>
    public IReadOnlySet<string> CallIdsUpTo(long mark) =>
        _arrivals.Where(a => a.Sequence <= mark && a.Request?.CallId is not null).Select(a => a.Request!.CallId!).ToHashSet(StringComparer.Ordinal);

    public Task<SipRequest?> WaitForInviteAsync(string calleeNumber, TimeSpan timeout) =>
        WaitForRequestAsync(r => r.Method == "INVITE" && CalleeLeaks.IsFor(r, calleeNumber), timeout);

    public async Task<SipRequest?> WaitForRequestAsync(Func<SipRequest, bool> match, TimeSpan timeout) =>
        (await _arrivals.WaitAsync(a => a.Request is { } r && match(r), timeout))?.Request;

    /// <summary>Calls to this callee ring (180) but are never answered: they end only when the caller cancels (487).</summary>
    public void RingWithoutAnswer(string calleeNumber) => _ringOnly[calleeNumber] = 0;

    public IReadOnlyList<SipRequest> InvitesFor(string calleeNumber) =>
        [.. _arrivals.Where(a => a.Request is { Method: "INVITE" } r && CalleeLeaks.IsFor(r, calleeNumber)).Select(a => a.Request!)];

    /// <summary>The bytes of the first datagram that carried the INVITE of <paramref name="callId"/>, exactly as received.</summary>
    public byte[]? RawInvite(string callId) =>
        _arrivals.Where(a => a.Request is { Method: "INVITE" } r && r.CallId == callId).FirstOrDefault()?.Bytes;

    private static (Socket Udp, TcpListener Tcp) Bind(IPEndPoint bindTo)
    {
        // The TCP listener takes the UDP port, as a SIP entity listens on both (RFC 3261 §18); with port 0 a port free
        // for both is searched for.
        for (var attempt = 0; ; attempt++)
        {
            var udp = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
            udp.Bind(bindTo);
            var tcp = new TcpListener(((IPEndPoint)udp.LocalEndPoint!).Address, ((IPEndPoint)udp.LocalEndPoint!).Port);
            try
            {
                tcp.Start();
                return (udp, tcp);
            }
            catch (SocketException) when (bindTo.Port == 0 && attempt < 20)
            {
                udp.Dispose();
            }
            catch (SocketException ex)
            {
                udp.Dispose();
                throw new InvalidOperationException($"The suite's callee could not listen on TCP {udp.LocalEndPoint} ({ex.Message}); free the port or name another in peers.terminating.", ex);
            }
        }
    }

    private CalleeArrival Record(string transport, IPEndPoint remote, byte[] bytes, SipMessage? message, int connection = 0)
    {
        lock (_arrivals)
        {
            // Numbered and added under one lock, so that arrivals are listed in the order of their numbers.
            var arrival = new CalleeArrival(Interlocked.Increment(ref _sequence), transport, remote, DateTimeOffset.UtcNow, bytes, message, connection);
            _arrivals.Add(arrival);
            return arrival;
        }
    }

    private async Task ReceiveDatagramsAsync()
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                continue;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var bytes = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            var remote = (IPEndPoint)received.RemoteEndPoint;
            var parsed = _parser.Parse(bytes, datagram: true);
            var message = parsed.Status == SipParseStatus.Complete ? parsed.Message : null;
            Record("UDP", remote, bytes, message);
            if (message is SipRequest request)
            {
                try
                {
                    Answer(request, remote);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // The answer is lost as a datagram would be; what arrived is recorded all the same.
                }
            }
        }
    }

    private async Task AcceptConnectionsAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _tcp.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _nextConnection);
            _connections[id] = socket;
            lock (_loops)
            {
                _loops.Add(Task.Run(() => ReadConnectionAsync(id, socket)));
            }
        }
    }

    private async Task ReadConnectionAsync(int id, Socket socket)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        var buffer = new byte[16_384];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                Record("TCP", remote, buffer.AsSpan(0, read).ToArray(), null, id);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The connection closed or the callee is stopping: what was read is recorded.
        }
        finally
        {
            _connections.TryRemove(id, out _);
            socket.Dispose();
        }
    }

    private void Answer(SipRequest request, IPEndPoint remote)
    {
        switch (request.Method)
        {
            case "INVITE":
                var tag = Tags.New();
                Send(SipResponse.For(request, 180, toTag: tag), remote);
                if (SipUri.TryParse(request.RequestUri, out var called) && called.Number is { } number && _ringOnly.ContainsKey(number))
                {
                    _ringing[request.CallId ?? string.Empty] = (request, tag);
                    break;
                }

                var ok = SipResponse.For(request, 200, toTag: tag);
                ok.Headers.Add(HeaderNames.Contact, $"<sip:callee@{LocalEndPoint.Address}:{LocalEndPoint.Port}>");
                Send(ok, remote);
                break;
            case "ACK":
                break;
            case "CANCEL":
                Send(SipResponse.For(request, 200), remote);
                if (_ringing.TryRemove(request.CallId ?? string.Empty, out var ringing))
                {
                    // RFC 3261 §9.2: the cancelled INVITE is answered 487 Request Terminated.
                    Send(SipResponse.For(ringing.Invite, 487, toTag: ringing.Tag), remote);
                }

                break;
            default:
                Send(SipResponse.For(request, 200), remote);
                break;
        }
    }

    private void Send(SipResponse response, IPEndPoint remote)
    {
        var bytes = response.ToBytes();
        _answers.Enqueue(new WireRecord(DateTimeOffset.UtcNow, "UDP", LocalEndPoint, remote, bytes));
        _udp.SendTo(bytes, SocketFlags.None, remote);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _tcp.Stop();
        _udp.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }

        Task[] loops;
        lock (_loops)
        {
            loops = [.. _loops];
        }

        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }
}
