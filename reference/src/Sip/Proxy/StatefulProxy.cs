using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// A transaction-stateful proxy (RFC 3261 §16) on the §17 transactions: where each arriving message goes. Every
/// request but ACK gets a server transaction (<see cref="ServerTransactionTable"/>; retransmissions absorbed or
/// answered again, timers G/H/I/J), the policy answers it or lets it be forwarded on a client transaction
/// (<see cref="ClientTransactionTable"/>; timers A/B/D or E/F/K, 408 on timeout, 503 when the transport fails), and
/// responses come back through the response context. What lingers after a transaction over UDP is kept lean
/// (<see cref="LingeringTables"/>). ACKs for 2xx and CANCELs and responses that match nothing are forwarded
/// statelessly (<see cref="StatelessForwarder"/>, §16.10, §16.11). Past the bound on server transactions new
/// INVITEs are shed (<see cref="LoadShedder"/>).
/// </summary>
public sealed class StatefulProxy
{
    private readonly ServerTransactionTable _servers;
    private readonly ClientTransactionTable _clients;
    private readonly LingeringTables _lingering;
    private readonly LoadShedder _shedder;
    private readonly OwnAddresses _addresses = new();
    private readonly ILogger _logger;

    // Made once: a method group passed as a delegate is a new delegate on every call.
    private readonly Func<SipUri, bool> _isOurUri;

    public StatefulProxy(ProxyOptions options, IProxyPolicy policy, TimeProvider? time = null, ILogger? logger = null)
    {
        Options = options;
        Policy = policy;
        Time = time ?? TimeProvider.System;
        Wheel = TimerWheel.For(Time);
        Counters.Watch(Wheel);
        _logger = logger ?? NullLogger.Instance;
        _isOurUri = _addresses.IsOurs;
        _lingering = new LingeringTables(Wheel, Time, options.Timers, _logger);
        _servers = new ServerTransactionTable(options.Timers, Time, _lingering, _logger);
        _clients = new ClientTransactionTable(options.Timers, Time, _lingering, _logger);
        _shedder = new LoadShedder(options, policy, Counters, _logger);
        Stateless = new StatelessForwarder(options, Counters, _isOurUri, _logger);
    }

    public ProxyOptions Options { get; }

    public ProxyCounters Counters { get; } = new();

    /// <summary>Live server transactions: INVITEs until acknowledged and timer I, other requests until answered (see <see cref="AnsweredRequests"/>).</summary>
    public int ServerTransactions => _servers.Count;

    public int ClientTransactions => _clients.Count;

    /// <summary>The exception of the latest transaction timer that threw (counted in <see cref="ProxyCounters.TimerFaults"/>), for the node's log.</summary>
    public Exception? LastTimerFault => Wheel.LastFault;

    /// <summary>INVITEs answered with a 2xx within the last 64·T1, whose retransmissions are absorbed (RFC 6026 timer L).</summary>
    public int AcceptedInvites => _lingering.AcceptedInvites;

    /// <summary>INVITEs whose rejection was acknowledged over UDP within the last T4: retransmitted ACKs and INVITEs are absorbed (timer I).</summary>
    public int ConfirmedInvites => _lingering.ConfirmedInvites;

    /// <summary>INVITEs forwarded over UDP and rejected downstream within the last 32 s, whose retransmitted rejections get the same ACK again (timer D).</summary>
    public int RejectedInvites => _lingering.RejectedInvites;

    /// <summary>Non-INVITE requests answered over UDP within the last 64·T1, whose retransmissions get the same answer again (timer J).</summary>
    public int AnsweredRequests => _lingering.AnsweredRequests;

    /// <summary>Non-INVITE requests forwarded over UDP and answered within the last T4, whose retransmitted answers are absorbed (timer K).</summary>
    public int CompletedRequests => _lingering.CompletedRequests;

    /// <summary>Transaction timers and table sweeps armed on this proxy's timer wheel (shared by every proxy on the same clock).</summary>
    public int ArmedTimers => Wheel.Armed;

    internal IProxyPolicy Policy { get; }

    internal TimeProvider Time { get; }

    internal TimerWheel Wheel { get; }

    /// <summary>The branches a response context forwarded on, for its CANCELs and the branches it gives up on.</summary>
    internal ClientTransactionTable Clients => _clients;

    /// <summary>For a response context's relays of responses that need no transaction (a 2xx after the first, §16.7).</summary>
    internal StatelessForwarder Stateless { get; }

    /// <summary>Makes a leg's address this proxy's own, for Via, Record-Route and Route matching. Call before messages arrive.</summary>
    public void Listen(ProxyLeg leg) => _addresses.Add(leg);

    /// <summary>The entry point for every message a leg's transports receive.</summary>
    public ValueTask OnMessageAsync(ProxyLeg leg, InboundMessage inbound)
    {
        switch (inbound.Message)
        {
            case SipResponse response:
                OnResponse(leg, response);
                break;
            case SipRequest { Kind: SipMethod.Ack } ack:
                OnAck(leg, ack, inbound);
                break;
            case SipRequest { Kind: SipMethod.Cancel } cancel:
                OnCancel(leg, cancel, inbound);
                break;
            case SipRequest request:
                OnRequest(leg, request, inbound);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void OnRequest(ProxyLeg leg, SipRequest request, InboundMessage inbound)
    {
        if (TransactionKey.ForRequest(request) is not { } key)
        {
            request.Release();
            return;
        }

        if (_servers.TryGet(key, out var existing))
        {
            existing.OnRetransmission();
            request.Release();
            return;
        }

        if (_lingering.IsAccepted(key))
        {
            request.Release();
            return;
        }

        if (_lingering.TryAnswerAgain(key))
        {
            request.Release();
            return;
        }

        if (request.Kind == SipMethod.Invite && _shedder.MustShed(request, _servers.Count))
        {
            _shedder.Shed(request, inbound);
            request.Release();
            return;
        }

        var entry = _servers.Create(request, inbound);
        if (!_servers.TryAdd(key, entry))
        {
            // The same request twice at once (two TCP connections): the first one owns it.
            request.Release();
            return;
        }

        var held = false;
        try
        {
            entry.Invite?.Start(sendTrying: false);

            var decision = Policy.OnRequest(request, inbound, leg);
            if (decision.Response is { } answer)
            {
                // A held answer keeps the request in hand until it is sent: the policy is told of it then, with it.
                if (decision.Hold is { Passed: false } hold && !hold.PassOrWait(new HeldAnswer(this, entry, request, answer, inbound)))
                {
                    held = true;
                    return;
                }

                Answered(entry, request, answer, inbound);
                return;
            }

            Forward(leg, request, inbound, entry, decision.Hold);
        }
        finally
        {
            if (!held)
            {
                entry.Handled();
            }
        }
    }

    private void Answered(ServerEntry entry, SipRequest request, SipResponse answer, InboundMessage inbound)
    {
        entry.Respond(answer);
        Policy.OnAnswered(request, answer, inbound);
    }

    /// <summary>§16.6: a copy with Max-Forwards down and this proxy's Via on top, sent on a new branch of a new response context.</summary>
    private void Forward(ProxyLeg leg, SipRequest request, InboundMessage inbound, ServerEntry entry, ResponseHold? hold)
    {
        if (!ForwardedCopy.TryDecrementMaxForwards(request, out var forwarded))
        {
            Counters.CountTooManyHops();
            entry.Respond(SipResponse.For(request, 483));
            return;
        }

        var target = RequestRouting.Route(forwarded, _isOurUri, new HopTarget(Options.NextHop, Options.NextHopProtocol));
        var outbound = leg.For(target.Protocol);
        if (Options.RecordRoute && request.Kind == SipMethod.Invite && request.To?.Tag is null)
        {
            forwarded.Headers.Prepend(HeaderNames.RecordRoute, RequestRouting.RecordRouteFor(leg.LocalEndPoint, inbound.Transport.Kind));
        }

        ForwardedCopy.PushVia(forwarded, outbound, Tags.NewBranch());
        var context = new ResponseContext(this, entry, request, hold);
        entry.Context = context;
        if (request.Kind == SipMethod.Invite && Options.TryingAfter <= TimeSpan.Zero)
        {
            // §17.2.1 at once; otherwise the response context answers 100 if nothing comes back in time.
            entry.Respond(SipResponse.For(request, 100));
        }

        var branch = new ProxyBranch(_clients, forwarded, new HopTarget(target.EndPoint, outbound.Kind), leg, outbound, context);
        context.Add(branch);
        _clients.Start(branch);
        Policy.OnForwarded(request, inbound);
    }

    private void OnAck(ProxyLeg leg, SipRequest ack, InboundMessage inbound)
    {
        // The ACK of a rejection ends its INVITE's transaction: found by the Via's bytes, its key never made.
        if (RawTransactionKey.TryFor(ack, "INVITE", out var raw) && _servers.TryGet(raw, out var byBytes) && byBytes.Invite is { } acknowledged)
        {
            acknowledged.OnAck();
            ack.Release();
            return;
        }

        var key = TransactionKey.ForRequest(ack);
        if (key is { } inviteKey && _servers.TryGet(inviteKey, out var entry) && entry.Invite is { } invite)
        {
            invite.OnAck();
            ack.Release();
            return;
        }

        if ((key is { } confirmed && _lingering.IsConfirmed(confirmed)) || _shedder.IsShedAck(ack))
        {
            // A retransmitted ACK for a rejection acknowledged already (timer I), or the ACK of a shed INVITE's 503.
            ack.Release();
            return;
        }

        // An ACK for a 2xx is its own transaction, end to end (§13.2.2.4): forwarded without state. Nothing answers
        // an ACK, so nothing reads it once it is on the wire. Its Via is stamped (§18.2.1) now if its transport left
        // that to the proxy: an ACK absorbed above never needed it.
        if (!inbound.ViaStamped)
        {
            ViaStamping.StampReceived(ack, inbound.Remote);
        }

        var forwarded = Stateless.Forward(leg, ack, inbound);
        forwarded.Release();
        ack.Release();
    }

    private void OnCancel(ProxyLeg leg, SipRequest cancel, InboundMessage inbound)
    {
        var cancelKey = TransactionKey.ForRequest(cancel);
        if (cancelKey is { } seen && _servers.TryGet(seen, out var repeated))
        {
            repeated.OnRetransmission();
            cancel.Release();
            return;
        }

        if (cancelKey is { } again && _lingering.TryAnswerAgain(again))
        {
            cancel.Release();
            return;
        }

        Policy.OnCancel(cancel);
        if (cancelKey is not { } key || TransactionKey.InviteOf(cancel) is not { } inviteKey || !_servers.TryGet(inviteKey, out var invite))
        {
            // §16.10: nothing known to cancel here, so it goes on as it came.
            _ = Stateless.Forward(leg, cancel, inbound);
            return;
        }

        var entry = _servers.Create(cancel, inbound);
        if (!_servers.TryAdd(key, entry))
        {
            cancel.Release();
            return;
        }

        entry.Respond(SipResponse.For(cancel, 200));
        entry.Handled();
        invite.Context?.Cancel();
    }

    private void OnResponse(ProxyLeg leg, SipResponse response)
    {
        var key = TransactionKey.ForResponse(response);
        if (key is { } clientKey && _clients.TryGet(clientKey, out var branch))
        {
            branch.OnResponse(response);
            return;
        }

        // A retransmitted rejection of an INVITE forwarded over UDP (timer D), acknowledged again, or a retransmitted
        // final response to a non-INVITE request forwarded over UDP (timer K): neither is relayed.
        if (key is { } lingering && (_lingering.TryAcknowledgeAgain(lingering, final: response.StatusCode >= 300) || _lingering.IsCompletedClient(lingering)))
        {
            response.Release();
            return;
        }

        // §16.7: a response no client transaction claims is relayed statelessly, if it came back through this proxy.
        if (response.TopVia is not { } top || !_addresses.IsOurs(top))
        {
            _logger.LogDebug("Dropped a {Status} whose top Via is not this proxy's", response.StatusCode);
            response.Release();
            return;
        }

        response.Headers.RemoveFirstValue(HeaderNames.Via);
        if (response.CSeq?.Kind == SipMethod.Invite)
        {
            Policy.OnResponseRelayed(response);
            if (response.StatusCode is >= 200 and < 300 && Policy.HoldUnmatched(response, leg) is { Passed: false } hold)
            {
                // Released on another thread, the 2xx goes on the wire at once: what this loop relayed before it (the
                // call's 180) and still holds for its batch goes first.
                (leg.Udp as UdpSipTransport)?.FlushHeld();
                if (!hold.PassOrWait(new HeldRelay(this, response, leg)))
                {
                    return;
                }
            }
        }

        RelayUnmatched(response, leg);
    }

    private void RelayUnmatched(SipResponse response, ProxyLeg leg)
    {
        Stateless.RelayUpstream(response, leg);
        response.Release();
    }

    /// <summary>A 2xx no transaction claims, waiting at its barrier; relayed when released.</summary>
    private sealed class HeldRelay(StatefulProxy proxy, SipResponse response, ProxyLeg leg) : IBarrierWaiter
    {
        public void Release() => proxy.RelayUnmatched(response, leg);
    }

    /// <summary>An answer of the policy's waiting at its barrier; sent, and the request let go, when released.</summary>
    private sealed class HeldAnswer(StatefulProxy proxy, ServerEntry entry, SipRequest request, SipResponse answer, InboundMessage inbound) : IBarrierWaiter
    {
        public void Release()
        {
            try
            {
                proxy.Answered(entry, request, answer, inbound);
            }
            finally
            {
                entry.Handled();
            }
        }
    }
}
