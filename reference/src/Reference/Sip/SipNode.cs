using System.Collections.Concurrent;
using System.Net;
using Screening;
using global::Sip;
using global::Sip.Transport;

namespace Reference.Sip;

/// <summary>
/// The screening node's SIP side: one UDP socket per realm, and a TCP listener on the same port when configured. INVITEs are screened; intercepted ones are answered
/// with the profile's final response (retransmissions answered again, the ACK absorbed); admitted ones and every
/// other request are forwarded to the next hop as a stateless proxy (RFC 3261 §16.11), responses relayed by Via.
/// </summary>
public sealed class SipNode(
    SipNodeOptions options,
    ScreeningPipeline pipeline,
    InterceptResponder responder,
    ActiveCalls calls,
    SipNodeMetrics metrics,
    IEnumerable<Labelling.IForwardDecorator> decorators,
    TimeProvider time,
    ILogger<SipNode> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan InterceptMemory = TimeSpan.FromSeconds(32);
    private static readonly SipParser ProxyParser = new(SipParserOptions.Proxy);

    private readonly ConcurrentDictionary<string, InterceptedInvite> _intercepted = new(StringComparer.Ordinal);
    private readonly List<RealmSockets> _realms = [];
    private DateTimeOffset _nextSweep;

    public bool IsListening { get; private set; }

    public IReadOnlyDictionary<Realm, IPEndPoint> Endpoints =>
        _realms.ToDictionary(r => r.Realm, r => r.Udp.LocalEndPoint);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (realm, endpoint) in options.Realms)
        {
            var udp = new UdpSipTransport(endpoint, ProxyParser, logger: logger);
            var tcp = options.Tcp ? new TcpSipTransport(udp.LocalEndPoint, parser: ProxyParser, time: time, logger: logger) : null;
            var sockets = new RealmSockets(realm, udp, tcp);
            _realms.Add(sockets);
            udp.Start(message => OnMessageAsync(sockets, message));
            tcp?.Start(message => OnMessageAsync(sockets, message));
            logger.LogInformation("Realm {Realm} listening on {Protocols} {Endpoint}", realm, tcp is null ? "udp" : "udp and tcp", udp.LocalEndPoint);
        }

        logger.LogInformation("Admitted calls go to next hop {Transport} {NextHop}", options.NextHopTransport, options.NextHop);
        IsListening = true;
        return Task.CompletedTask;
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

    private async ValueTask OnMessageAsync(RealmSockets sockets, InboundMessage inbound)
    {
        try
        {
            await DispatchAsync(sockets, inbound);
        }
        finally
        {
            // Nothing keeps a received message past its handling (responses and call state hold strings): its pooled buffer goes back.
            inbound.Message.Release();
        }
    }

    private ValueTask DispatchAsync(RealmSockets sockets, InboundMessage inbound) => inbound.Message switch
    {
        SipResponse response => RelayResponseAsync(sockets, response, inbound),
        SipRequest { Method: "INVITE" } invite => OnInviteAsync(sockets, invite, inbound),
        SipRequest { Method: "ACK" } ack when _intercepted.ContainsKey(TransactionKey(ack)) => ValueTask.CompletedTask,
        SipRequest { Method: "OPTIONS" } options when IsAddressedToNode(options) => inbound.Transport.SendAsync(Capabilities(options), inbound.Remote),
        SipRequest { Method: "CANCEL" } cancel => Track(() => calls.Cancelled(cancel.CallId ?? string.Empty), ForwardAsync(sockets, cancel, inbound)),
        SipRequest { Method: "BYE" } bye => Track(() => calls.HungUp(bye.CallId ?? string.Empty), ForwardAsync(sockets, bye, inbound)),
        SipRequest request => Forget(ForwardAsync(sockets, request, inbound)),
        _ => ValueTask.CompletedTask,
    };

    private async ValueTask OnInviteAsync(RealmSockets sockets, SipRequest invite, InboundMessage inbound)
    {
        var key = TransactionKey(invite);
        if (_intercepted.TryGetValue(key, out var earlier))
        {
            await inbound.Transport.SendAsync(earlier.Response, inbound.Remote);
            return;
        }

        var realm = sockets.Realm;
        var call = new CallAttempt(
            realm,
            NumberOf(invite.From) ?? string.Empty,
            NumberOf(NameAddress.TryParse(invite.Headers[HeaderNames.PAssertedIdentity], out var pai) ? pai : null),
            SipUri.TryParse(invite.RequestUri, out var ruri) ? ruri.Number ?? string.Empty : string.Empty,
            inbound.Remote.ToString(),
            invite.CallId ?? string.Empty,
            time.GetUtcNow());
        var decision = pipeline.Screen(call);
        calls.Screened(call, decision);
        logger.LogInformation("{Realm} INVITE {CallId} from {Caller} to {Callee}: {Action} ({Reason})",
            realm, call.CallId, call.PresentedNumber, call.CalledNumber, decision.Action, decision.Reason);

        if (!decision.IsIntercepted)
        {
            foreach (var decorator in decorators)
            {
                decorator.Decorate(call, invite);
            }

            if (await ForwardAsync(sockets, invite, inbound))
            {
                metrics.Forwarded.RecordSince(inbound.ReceivedAt);
            }

            return;
        }

        var response = responder.Build(invite, decision);
        _intercepted[key] = new InterceptedInvite(response, time.GetUtcNow() + InterceptMemory);
        ForgetExpired();
        await inbound.Transport.SendAsync(response, inbound.Remote);
        metrics.Intercepted.RecordSince(inbound.ReceivedAt);
    }

    /// <summary>Sends a request on to the next hop; false when it was answered here instead (483, or 503 when the next hop cannot be reached).</summary>
    private async ValueTask<bool> ForwardAsync(RealmSockets sockets, SipRequest request, InboundMessage inbound)
    {
        var maxForwards = int.TryParse(request.Headers[HeaderNames.MaxForwards], out var value) ? value : 70;
        if (maxForwards <= 0)
        {
            if (request.Method != "ACK")
            {
                await inbound.Transport.SendAsync(SipResponse.For(request, 483), inbound.Remote);
            }

            metrics.HopsExhausted();
            return false;
        }

        var forwarded = request.Clone();
        forwarded.Headers.Set(HeaderNames.MaxForwards, (maxForwards - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        ISipTransport outbound = options.NextHopTransport == SipNodeOptions.TcpTransport && sockets.Tcp is not null ? sockets.Tcp : sockets.Udp;
        var local = outbound.LocalEndPoint;
        var via = new ViaHeader { Transport = outbound.Protocol, Host = local.Address.ToString(), Port = local.Port };
        via.Parameters.Set("branch", StatelessBranch(request));
        forwarded.Headers.Prepend(HeaderNames.Via, via.ToString());
        try
        {
            await outbound.SendAsync(forwarded, options.NextHop);
            return true;
        }
        catch (SipTransportException ex)
        {
            // RFC 3261 §16.9: a transport error towards the next hop is answered as if it had sent 503.
            metrics.NextHopFailed();
            logger.LogWarning("Next hop {NextHop} unreachable for {Method} {CallId}: {Problem}", options.NextHop, request.Method, request.CallId, ex.Message);
            if (request.Method != "ACK")
            {
                await inbound.Transport.SendAsync(SipResponse.For(request, 503), inbound.Remote);
            }

            return false;
        }
        finally
        {
            forwarded.Release();
        }
    }

    private async ValueTask RelayResponseAsync(RealmSockets sockets, SipResponse response, InboundMessage inbound)
    {
        var top = response.TopVia;
        var local = sockets.Udp.LocalEndPoint;
        if (top is null || top.Host != local.Address.ToString() || top.Port != local.Port)
        {
            // Not ours: a response must carry our Via on top to be relayed (§16.7); anything else is dropped.
            logger.LogDebug("Dropped a response whose top Via is not this node's");
            return;
        }

        response.Headers.RemoveFirstValue(HeaderNames.Via);
        if (response.CSeq?.Method == "INVITE" && response.CallId is { } callId)
        {
            calls.Responded(callId, response.StatusCode);
        }

        if (response.TopVia is { } next && ViaStamping.ResponseTarget(next) is { } target)
        {
            ISipTransport back = next.Transport == "TCP" && sockets.Tcp is not null ? sockets.Tcp : sockets.Udp;
            try
            {
                await back.SendAsync(response, target);
            }
            catch (SipTransportException ex)
            {
                logger.LogInformation("Could not relay a {Status} to {Target}: {Problem}", response.StatusCode, target, ex.Message);
            }
        }
    }

    private static async ValueTask Track(Action observe, ValueTask<bool> forwarding)
    {
        observe();
        await forwarding;
    }

    private static async ValueTask Forget(ValueTask<bool> forwarding) => await forwarding;

    private static SipResponse Capabilities(SipRequest options)
    {
        var response = SipResponse.For(options, 200);
        response.Headers.Add(HeaderNames.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS");
        response.Headers.Add("Accept", "application/sdp");
        return response;
    }

    private static bool IsAddressedToNode(SipRequest request) =>
        SipUri.TryParse(request.RequestUri, out var uri) && uri.User is null;

    private static string? NumberOf(NameAddress? address) => address?.Uri.Number;

    /// <summary>Matches an INVITE, its retransmissions and its non-2xx ACK: same top Via branch and sent-by (§17.2.3).</summary>
    private static string TransactionKey(SipRequest request)
    {
        var via = request.TopVia;
        return $"{via?.Branch}|{via?.Host}:{via?.Port}";
    }

    /// <summary>
    /// A stateless proxy's branch must be the same for a request's retransmissions and for its CANCEL and
    /// non-2xx ACK, so it is derived from the incoming branch (RFC 3261 §16.11).
    /// </summary>
    private static string StatelessBranch(SipRequest request)
    {
        var via = request.TopVia;
        var seed = $"{via?.Branch}|{via?.Host}|{via?.Port}|{request.CallId}|{request.CSeq?.Sequence}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return Tags.BranchMagicCookie + Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }

    /// <summary>Drops remembered intercepts past their lifetime, at most once a second so that the sweep stays off the per-call cost.</summary>
    private void ForgetExpired()
    {
        var now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromSeconds(1);
        foreach (var (key, entry) in _intercepted)
        {
            if (entry.ExpiresAt < now)
            {
                _intercepted.TryRemove(key, out _);
            }
        }
    }

    private sealed record InterceptedInvite(SipResponse Response, DateTimeOffset ExpiresAt);

    private sealed record RealmSockets(Realm Realm, UdpSipTransport Udp, TcpSipTransport? Tcp);
}
