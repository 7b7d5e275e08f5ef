using System.Collections.Concurrent;
using System.Net;
using Screening;
using global::Sip;
using global::Sip.Transport;

namespace Reference.Sip;

/// <summary>
/// The screening node's SIP side: one UDP socket per realm. INVITEs are screened; intercepted ones are answered
/// with the profile's final response (retransmissions answered again, the ACK absorbed); admitted ones and every
/// other request are forwarded to the next hop as a stateless proxy (RFC 3261 §16.11), responses relayed by Via.
/// </summary>
public sealed class SipNode(
    SipNodeOptions options,
    ScreeningPipeline pipeline,
    InterceptResponder responder,
    ActiveCalls calls,
    IEnumerable<Labelling.IForwardDecorator> decorators,
    TimeProvider time,
    ILogger<SipNode> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan InterceptMemory = TimeSpan.FromSeconds(32);

    private readonly ConcurrentDictionary<string, InterceptedInvite> _intercepted = new(StringComparer.Ordinal);
    private readonly List<(Realm Realm, UdpSipTransport Transport)> _transports = [];

    public bool IsListening { get; private set; }

    public IReadOnlyDictionary<Realm, IPEndPoint> Endpoints =>
        _transports.ToDictionary(t => t.Realm, t => t.Transport.LocalEndPoint);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (realm, endpoint) in options.Realms)
        {
            var transport = new UdpSipTransport(endpoint, logger: logger);
            _transports.Add((realm, transport));
            transport.Start(message => OnMessageAsync(realm, message));
            logger.LogInformation("Realm {Realm} listening on udp {Endpoint}", realm, transport.LocalEndPoint);
        }

        logger.LogInformation("Admitted calls go to next hop udp {NextHop}", options.NextHop);
        IsListening = true;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        IsListening = false;
        foreach (var (_, transport) in _transports)
        {
            await transport.DisposeAsync();
        }

        _transports.Clear();
    }

    private ValueTask OnMessageAsync(Realm realm, InboundMessage inbound) => inbound.Message switch
    {
        SipResponse response => RelayResponseAsync(response, inbound),
        SipRequest { Method: "INVITE" } invite => OnInviteAsync(realm, invite, inbound),
        SipRequest { Method: "ACK" } ack when _intercepted.ContainsKey(TransactionKey(ack)) => ValueTask.CompletedTask,
        SipRequest { Method: "OPTIONS" } options when IsAddressedToNode(options) => inbound.Transport.SendAsync(Capabilities(options), inbound.Remote),
        SipRequest { Method: "CANCEL" } cancel => Track(() => calls.Cancelled(cancel.CallId ?? string.Empty), ForwardAsync(cancel, inbound)),
        SipRequest { Method: "BYE" } bye => Track(() => calls.HungUp(bye.CallId ?? string.Empty), ForwardAsync(bye, inbound)),
        SipRequest request => ForwardAsync(request, inbound),
        _ => ValueTask.CompletedTask,
    };

    private async ValueTask OnInviteAsync(Realm realm, SipRequest invite, InboundMessage inbound)
    {
        var key = TransactionKey(invite);
        if (_intercepted.TryGetValue(key, out var earlier))
        {
            await inbound.Transport.SendAsync(earlier.Response, inbound.Remote);
            return;
        }

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

            await ForwardAsync(invite, inbound);
            return;
        }

        var response = responder.Build(invite, decision);
        _intercepted[key] = new InterceptedInvite(response, time.GetUtcNow() + InterceptMemory);
        ForgetExpired();
        await inbound.Transport.SendAsync(response, inbound.Remote);
    }

    private async ValueTask ForwardAsync(SipRequest request, InboundMessage inbound)
    {
        var maxForwards = int.TryParse(request.Headers[HeaderNames.MaxForwards], out var value) ? value : 70;
        if (maxForwards <= 0)
        {
            if (request.Method != "ACK")
            {
                await inbound.Transport.SendAsync(SipResponse.For(request, 483), inbound.Remote);
            }

            return;
        }

        var forwarded = request.Clone();
        forwarded.Headers.Set(HeaderNames.MaxForwards, (maxForwards - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var local = inbound.Transport.LocalEndPoint;
        var via = new ViaHeader { Transport = "UDP", Host = local.Address.ToString(), Port = local.Port };
        via.Parameters.Set("branch", StatelessBranch(request));
        forwarded.Headers.Prepend(HeaderNames.Via, via.ToString());
        await inbound.Transport.SendAsync(forwarded, options.NextHop);
    }

    private async ValueTask RelayResponseAsync(SipResponse response, InboundMessage inbound)
    {
        var top = response.TopVia;
        var local = inbound.Transport.LocalEndPoint;
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
            await inbound.Transport.SendAsync(response, target);
        }
    }

    private static ValueTask Track(Action observe, ValueTask forwarding)
    {
        observe();
        return forwarding;
    }

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

    private void ForgetExpired()
    {
        if (_intercepted.Count < 1024)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (key, entry) in _intercepted)
        {
            if (entry.ExpiresAt < now)
            {
                _intercepted.TryRemove(key, out _);
            }
        }
    }

    private sealed record InterceptedInvite(SipResponse Response, DateTimeOffset ExpiresAt);
}
