using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// A transaction-stateful proxy (RFC 3261 §16) on the §17 transactions. Every request but ACK gets a server
/// transaction (retransmissions absorbed or answered again, timers G/H/I/J), the policy answers it or lets it be
/// forwarded on a client transaction (timers A/B/D or E/F/K, 408 on timeout, 503 when the transport fails), and
/// responses come back through the response context. ACKs for 2xx and CANCELs and responses that match nothing are
/// forwarded statelessly (§16.10, §16.11). When the server transaction table is full, new INVITEs are answered 503
/// with Retry-After, statelessly, with a To tag that lets their ACK be recognised and absorbed.
/// </summary>
public sealed class StatefulProxy
{
    /// <summary>Prefix of the To tag of responses sent without a transaction, so that their ACKs are absorbed here.</summary>
    private const string StatelessTagPrefix = "sl";

    private readonly ConcurrentDictionary<TransactionKey, ServerEntry> _servers = new();
    private readonly ConcurrentDictionary<TransactionKey, ProxyBranch> _clients = new();

    // RFC 6026 §8.5 "Accepted", kept lean: an INVITE transaction that passed a 2xx on is over, but for timer L (64·T1)
    // its key is remembered so that a retransmission of the INVITE is absorbed instead of being screened and forwarded
    // as a new call. Keeping the whole transaction instead would hold some kilobytes per answered call for 32 s (a
    // gigabyte at 2,000 calls/s); 2xx retransmissions from downstream need no state, they are relayed statelessly (§16.7).
    private readonly LingeringTable _accepted;

    // §17.2.1 timer I, kept lean the same way: an INVITE whose rejection was acknowledged over UDP is remembered with a
    // wire copy of the rejection, so that retransmitted ACKs are absorbed and a retransmitted INVITE gets the same
    // answer, and its transaction ends at once.
    private readonly LingeringTable _confirmed;

    // §17.1.2 timer K, kept lean the same way: a non-INVITE request forwarded over UDP whose final response came is
    // remembered so that retransmissions of that response are absorbed, and its client transaction ends at once.
    private readonly LingeringTable _completedClients;

    // §17.1.1.2 timer D, kept lean the same way: an INVITE forwarded over UDP and rejected downstream is remembered with
    // a wire copy of the ACK this proxy sent, so that a retransmitted rejection is acknowledged again and goes no
    // further, and its client transaction (with the forwarded INVITE) ends at once instead of holding on for 32 s.
    private readonly LingeringTable _rejectedInvites;

    // §17.2.2 timer J, kept lean the same way: a non-INVITE request answered over UDP is remembered with a wire copy of
    // its final response, and its transaction ends at once.
    private readonly LingeringTable _answered;
    private readonly List<ProxyLeg> _legs = [];
    private readonly ILogger _logger;
    private readonly string _statelessTag = StatelessTagPrefix + Tags.New();

    // Made once: a method group passed as a delegate is a new delegate on every call.
    private readonly Func<SipUri, bool> _isOurUri;
    private readonly Action _countNextHopFailure;

    // ConcurrentDictionary.Count takes every lock of the table; the overload check runs per INVITE, so it reads this instead.
    private int _serverCount;

    public StatefulProxy(ProxyOptions options, IProxyPolicy policy, TimeProvider? time = null, ILogger? logger = null)
    {
        Options = options;
        Policy = policy;
        Time = time ?? TimeProvider.System;
        Wheel = TimerWheel.For(Time);
        Counters.Watch(Wheel);
        _accepted = new LingeringTable(Wheel, Time, options.Timers.Timeout);
        _answered = new LingeringTable(Wheel, Time, options.Timers.Timeout);
        _confirmed = new LingeringTable(Wheel, Time, options.Timers.Linger(reliable: false));
        _completedClients = new LingeringTable(Wheel, Time, options.Timers.Linger(reliable: false));
        _rejectedInvites = new LingeringTable(Wheel, Time, options.Timers.D(reliable: false));
        _logger = logger ?? NullLogger.Instance;
        _isOurUri = IsOurs;
        _countNextHopFailure = Counters.CountNextHopFailure;
    }

    public ProxyOptions Options { get; }

    public ProxyCounters Counters { get; } = new();

    /// <summary>Live server transactions: INVITEs until acknowledged and timer I, other requests until answered (see <see cref="AnsweredRequests"/>).</summary>
    public int ServerTransactions => Volatile.Read(ref _serverCount);

    public int ClientTransactions => _clients.Count;

    /// <summary>The exception of the latest transaction timer that threw (counted in <see cref="ProxyCounters.TimerFaults"/>), for the node's log.</summary>
    public Exception? LastTimerFault => Wheel.LastFault;

    /// <summary>INVITEs answered with a 2xx within the last 64·T1, whose retransmissions are absorbed (RFC 6026 timer L).</summary>
    public int AcceptedInvites => _accepted.Count;

    /// <summary>INVITEs whose rejection was acknowledged over UDP within the last T4: retransmitted ACKs are absorbed, INVITEs answered again (timer I).</summary>
    public int ConfirmedInvites => _confirmed.Count;

    /// <summary>INVITEs forwarded over UDP and rejected downstream within the last 32 s, whose retransmitted rejections get the same ACK again (timer D).</summary>
    public int RejectedInvites => _rejectedInvites.Count;

    /// <summary>Non-INVITE requests answered over UDP within the last 64·T1, whose retransmissions get the same answer again (timer J).</summary>
    public int AnsweredRequests => _answered.Count;

    /// <summary>Non-INVITE requests forwarded over UDP and answered within the last T4, whose retransmitted answers are absorbed (timer K).</summary>
    public int CompletedRequests => _completedClients.Count;

    /// <summary>Transaction timers and table sweeps armed on this proxy's timer wheel (shared by every proxy on the same clock).</summary>
    public int ArmedTimers => Wheel.Armed;

    internal IProxyPolicy Policy { get; }

    internal TimeProvider Time { get; }

    internal TimerWheel Wheel { get; }

    /// <summary>Makes a leg's address this proxy's own, for Via, Record-Route and Route matching. Call before messages arrive.</summary>
    public void Listen(ProxyLeg leg)
    {
        lock (_legs)
        {
            _legs.Add(leg);
        }
    }

    /// <summary>The entry point for every message a leg's transports receive.</summary>
    public ValueTask OnMessageAsync(ProxyLeg leg, InboundMessage inbound)
    {
        switch (inbound.Message)
        {
            case SipResponse response:
                OnResponse(leg, response);
                break;
            case SipRequest { Method: "ACK" } ack:
                OnAck(leg, ack, inbound);
                break;
            case SipRequest { Method: "CANCEL" } cancel:
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

        if (_servers.TryGetValue(key, out var existing))
        {
            existing.OnRetransmission();
            request.Release();
            return;
        }

        if (_accepted.Contains(key))
        {
            request.Release();
            return;
        }

        if (TryAnswerAgain(key, request))
        {
            return;
        }

        var isInvite = request.Method == "INVITE";
        if (isInvite && Volatile.Read(ref _serverCount) >= Options.MaxServerTransactions && !Policy.IsNeverShed(request))
        {
            Shed(request, inbound);
            request.Release();
            return;
        }

        var entry = NewServerEntry(request, inbound);
        if (!TryAddServer(key, entry))
        {
            // The same request twice at once (two TCP connections): the first one owns it.
            request.Release();
            return;
        }

        try
        {
            entry.Invite?.Start(sendTrying: false);

            var decision = Policy.OnRequest(request, inbound, leg);
            if (decision.Response is { } answer)
            {
                entry.Respond(answer);
                Policy.OnAnswered(request, answer, inbound);
                return;
            }

            Forward(leg, request, inbound, entry);
        }
        finally
        {
            entry.Handled();
        }
    }

    private bool TryAddServer(TransactionKey key, ServerEntry entry)
    {
        if (!_servers.TryAdd(key, entry))
        {
            entry.Transaction.Dispose();
            return false;
        }

        Interlocked.Increment(ref _serverCount);
        entry.Key = key;
        return true;
    }

    /// <summary>Sends the wire copy a lean table keeps for a key (a final response, or an ACK) again, where it went before.</summary>
    private void SendAgain(LingeringTable.Resend resend)
    {
        if (resend.Answer is { } answer)
        {
            Send(resend.Transport!, answer, resend.Target!);
        }
    }

    /// <summary>A server transaction in the table settled (over UDP: timer I or J): its key and answer move to a lean table, and it ends.</summary>
    internal void OnServerSettled(ServerEntry entry)
    {
        if (entry.Key is { } key)
        {
            (entry.Invite is null ? _answered : _confirmed).Remember(key, entry.Transaction.Answer, entry.Transport, entry.Target);
            entry.Transaction.HandOff();
        }
    }

    internal void OnServerEnded(ServerEntry entry)
    {
        if (entry.Key is not { } key)
        {
            return;
        }

        if (_servers.TryRemove(new KeyValuePair<TransactionKey, ServerEntry>(key, entry)))
        {
            Interlocked.Decrement(ref _serverCount);
        }

        entry.Context?.Dispose();
        entry.Transaction.Dispose();
        entry.ReleaseMessages();
        if (entry.Transaction is ServerInviteTransaction { AnsweredWith2xx: true })
        {
            RememberAccepted(key);
        }
    }

    private void RememberAccepted(TransactionKey key) => _accepted.Remember(key);

    /// <summary>A retransmission of a request answered over UDP whose transaction was handed off: the same answer again (timers I and J).</summary>
    private bool TryAnswerAgain(TransactionKey key, SipRequest request)
    {
        if (!_answered.TryGetAnswer(key, out var answered) && !_confirmed.TryGetAnswer(key, out answered))
        {
            return false;
        }

        SendAgain(answered);
        request.Release();
        return true;
    }

    private ServerEntry NewServerEntry(SipRequest request, InboundMessage inbound)
    {
        var transport = inbound.Transport;
        var reliable = transport.Protocol != "UDP";

        // §18.2.2: over UDP to the Via's received/rport; over a connection back on it.
        var target = reliable ? inbound.Remote : (request.TopVia is { } via ? ViaStamping.ResponseTarget(via, inbound.Remote) : null) ?? inbound.Remote;
        if (target.Equals(inbound.Remote))
        {
            // The transport's endpoint object, not a copy per transaction (an IPv6 address written another way).
            target = inbound.Remote;
        }

        var entry = new ServerEntry(this, request) { Transport = transport, Target = target };
        entry.Attach(request.Method == "INVITE"
            ? new ServerInviteTransaction(request, entry, reliable, Time, Options.Timers)
            : new ServerNonInviteTransaction(request, entry, reliable, Time, Options.Timers));
        return entry;
    }

    /// <summary>Puts a transaction's message on the wire; <paramref name="failed"/> hears of a transport failure later, off the caller's lock.</summary>
    internal void Send(ISipTransport transport, SipMessage message, IPEndPoint to, Action? failed = null) =>
        Outbound.Send(transport, message, to, _logger, failed);

    private void Forward(ProxyLeg leg, SipRequest request, InboundMessage inbound, ServerEntry entry)
    {
        if (!TryDecrementMaxForwards(request, out var forwarded))
        {
            Counters.CountTooManyHops();
            entry.Respond(SipResponse.For(request, 483));
            return;
        }

        var target = RequestRouting.Route(forwarded, _isOurUri, new HopTarget(Options.NextHop, Options.NextHopProtocol));
        var outbound = leg.For(target.Protocol);
        if (Options.RecordRoute && request.Method == "INVITE" && request.To?.Tag is null)
        {
            forwarded.Headers.Prepend(HeaderNames.RecordRoute, RequestRouting.RecordRouteFor(leg.LocalEndPoint, inbound.Transport.Protocol));
        }

        PushVia(forwarded, outbound, Tags.NewBranch());
        var context = new ResponseContext(this, entry, request);
        entry.Context = context;
        if (request.Method == "INVITE")
        {
            // §16.2/§17.2.1: the callee will not answer within 200 ms, so the caller is told to stop retransmitting.
            entry.Respond(SipResponse.For(request, 100));
        }

        var branch = new ProxyBranch(this, forwarded, new HopTarget(target.EndPoint, outbound.Protocol), leg, outbound, context);
        context.Add(branch);
        StartClient(branch);
        Policy.OnForwarded(request, inbound);
    }

    private void StartClient(ProxyBranch branch)
    {
        var reliable = branch.Outbound.Protocol != "UDP";
        var request = branch.Request;
        branch.Key = TransactionKey.ForRequest(request)!.Value;
        ClientTransaction transaction = request.Method == "INVITE"
            ? new ClientInviteTransaction(request, branch, reliable, Time, Options.Timers)
            : new ClientNonInviteTransaction(request, branch, reliable, Time, Options.Timers);
        branch.Transaction = transaction;
        _clients[branch.Key] = branch;
        transaction.Start();
    }

    /// <summary>
    /// A branch's client transaction settled over UDP: a non-INVITE's key alone absorbs the retransmitted answers
    /// (timer K); a rejected INVITE's key keeps its ACK's wire bytes to send again (timer D).
    /// </summary>
    internal void OnClientSettled(ProxyBranch branch)
    {
        switch (branch.Transaction)
        {
            case ClientNonInviteTransaction transaction:
                _completedClients.Remember(branch.Key);
                transaction.HandOff();
                break;
            case ClientInviteTransaction { Acknowledgement: { } ack } transaction:
                _rejectedInvites.Remember(branch.Key, ack, branch.Outbound, branch.Target.EndPoint);
                transaction.HandOff();
                break;
        }
    }

    internal void OnClientEnded(ProxyBranch branch)
    {
        _clients.TryRemove(new KeyValuePair<TransactionKey, ProxyBranch>(branch.Key, branch));
        branch.Transaction?.Dispose();
        branch.Context?.OnBranchEnded(branch);

        // The forwarded copy shares the received request's buffer; the server transaction lets go of its own hold.
        branch.Request.Release();
    }

    /// <summary>§9.1: a CANCEL for a branch: its Request-URI, Call-ID, From, To, CSeq number, Route and its one Via.</summary>
    internal void SendCancel(ProxyBranch branch)
    {
        var invite = branch.Request;
        var cancel = new SipRequest { Method = "CANCEL", RequestUri = invite.RequestUri };
        cancel.Headers.Add(HeaderNames.Via, HeaderValueSplitter.SplitCommas(invite.Headers[HeaderNames.Via]!)[0]);
        foreach (var route in invite.Headers.All(HeaderNames.Route))
        {
            cancel.Headers.Add(HeaderNames.Route, route);
        }

        cancel.Headers.Add(HeaderNames.MaxForwards, "70");
        cancel.Headers.Add(HeaderNames.From, invite.Headers[HeaderNames.From] ?? string.Empty);
        cancel.Headers.Add(HeaderNames.To, invite.Headers[HeaderNames.To] ?? string.Empty);
        cancel.Headers.Add(HeaderNames.CallId, invite.CallId ?? string.Empty);
        cancel.Headers.Add(HeaderNames.CSeq, $"{(invite.CSeq?.Sequence ?? 0).ToString(CultureInfo.InvariantCulture)} CANCEL");
        // Its 200 ends it and goes no further: the caller's CANCEL was answered here.
        StartClient(new ProxyBranch(this, cancel, branch.Target, branch.Leg, branch.Leg.For(branch.Target.Protocol), context: null));
    }

    /// <summary>Forgets a branch whose final response the context generated itself (timer C, or no answer to CANCEL).</summary>
    internal void Abandon(ProxyBranch branch)
    {
        if (_clients.TryRemove(new KeyValuePair<TransactionKey, ProxyBranch>(branch.Key, branch)))
        {
            branch.Transaction?.Dispose();
            branch.Request.Release();
        }
    }

    private void OnAck(ProxyLeg leg, SipRequest ack, InboundMessage inbound)
    {
        var key = TransactionKey.ForRequest(ack);
        if (key is { } inviteKey && _servers.TryGetValue(inviteKey, out var entry) && entry.Invite is { } invite)
        {
            invite.OnAck();
            ack.Release();
            return;
        }

        if (key is { } acknowledged && _confirmed.Contains(acknowledged))
        {
            // A retransmitted ACK for a rejection acknowledged already (timer I).
            ack.Release();
            return;
        }

        if (ack.To?.Tag is { } tag && tag.StartsWith(_statelessTag, StringComparison.Ordinal))
        {
            ack.Release();
            return;
        }

        // An ACK for a 2xx is its own transaction, end to end (§13.2.2.4): forwarded without state. Nothing answers
        // an ACK, so nothing reads it once it is on the wire.
        var forwarded = ForwardStateless(leg, ack, inbound);
        forwarded.Release();
        ack.Release();
    }

    private void OnCancel(ProxyLeg leg, SipRequest cancel, InboundMessage inbound)
    {
        var cancelKey = TransactionKey.ForRequest(cancel);
        if (cancelKey is { } seen && _servers.TryGetValue(seen, out var repeated))
        {
            repeated.OnRetransmission();
            cancel.Release();
            return;
        }

        if (cancelKey is { } again && TryAnswerAgain(again, cancel))
        {
            return;
        }

        Policy.OnCancel(cancel);
        if (cancelKey is not { } key || TransactionKey.InviteOf(cancel) is not { } inviteKey || !_servers.TryGetValue(inviteKey, out var invite))
        {
            // §16.10: nothing known to cancel here, so it goes on as it came.
            _ = ForwardStateless(leg, cancel, inbound);
            return;
        }

        var entry = NewServerEntry(cancel, inbound);
        if (!TryAddServer(key, entry))
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
        if (key is { } clientKey && _clients.TryGetValue(clientKey, out var branch))
        {
            branch.OnResponse(response);
            return;
        }

        if (key is { } rejected && _rejectedInvites.TryGetAnswer(rejected, out var lingering))
        {
            // A retransmitted rejection of an INVITE forwarded over UDP (timer D): acknowledged again, not relayed.
            if (response.StatusCode >= 300)
            {
                SendAgain(lingering);
            }

            response.Release();
            return;
        }

        if (key is { } completed && _completedClients.Contains(completed))
        {
            // A retransmitted final response to a non-INVITE request forwarded over UDP (timer K).
            response.Release();
            return;
        }

        // §16.7: a response no client transaction claims is relayed statelessly, if it came back through this proxy.
        if (response.TopVia is not { } top || !IsOurs(top))
        {
            _logger.LogDebug("Dropped a {Status} whose top Via is not this proxy's", response.StatusCode);
            response.Release();
            return;
        }

        response.Headers.RemoveFirstValue(HeaderNames.Via);
        if (response.CSeq?.Method == "INVITE")
        {
            Policy.OnResponseRelayed(response);
        }

        RelayUpstreamStateless(response, leg);
        response.Release();
    }

    /// <summary>Sends a response whose own Via this proxy already removed towards the next Via (§18.2.2); the caller still owns it.</summary>
    internal void RelayUpstreamStateless(SipResponse response, ProxyLeg leg)
    {
        if (response.TopVia is not { } next || ViaStamping.ResponseTarget(next) is not { } target)
        {
            return;
        }

        Outbound.Send(leg.For(next.Transport), response, target, _logger);
    }

    /// <summary>Forwards without a transaction; returns what was sent (the request itself when it could not be forwarded).</summary>
    private SipRequest ForwardStateless(ProxyLeg leg, SipRequest request, InboundMessage inbound)
    {
        if (!TryDecrementMaxForwards(request, out var forwarded))
        {
            Counters.CountTooManyHops();
            if (request.Method != "ACK")
            {
                Outbound.Send(inbound.Transport, SipResponse.For(request, 483), inbound.Remote, _logger);
            }

            return forwarded;
        }

        var target = RequestRouting.Route(forwarded, _isOurUri, new HopTarget(Options.NextHop, Options.NextHopProtocol));
        var outbound = leg.For(target.Protocol);
        PushVia(forwarded, outbound, StatelessBranch(request));
        // Every ACK for a 2xx comes this way: its failure only counts, so it shares one delegate instead of a closure each.
        Outbound.Send(outbound, forwarded, target.EndPoint, _logger, request.Method == "ACK" ? _countNextHopFailure : () =>
        {
            Counters.CountNextHopFailure();
            Outbound.Send(inbound.Transport, SipResponse.For(request, 503), inbound.Remote, _logger);
        });
        return forwarded;
    }

    /// <summary>The overload answer: 503 with Retry-After and no transaction, so that shedding costs almost nothing.</summary>
    private void Shed(SipRequest invite, InboundMessage inbound)
    {
        Counters.CountShed();
        var response = SipResponse.For(invite, 503, toTag: _statelessTag + Tags.New());
        response.Headers.Add(HeaderNames.RetryAfter, ((int)Options.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        var target = inbound.Transport.Protocol == "UDP" && invite.TopVia is { } via ? ViaStamping.ResponseTarget(via) ?? inbound.Remote : inbound.Remote;
        Outbound.Send(inbound.Transport, response, target, _logger);
    }

    private static bool TryDecrementMaxForwards(SipRequest request, out SipRequest forwarded)
    {
        var maxForwards = int.TryParse(request.Headers[HeaderNames.MaxForwards], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 70;
        forwarded = request;
        if (maxForwards <= 0)
        {
            return false;
        }

        forwarded = request.Clone();
        forwarded.Headers.Set(HeaderNames.MaxForwards, (maxForwards - 1).ToString(CultureInfo.InvariantCulture));
        return true;
    }

    private static void PushVia(SipRequest forwarded, ISipTransport outbound, string branch)
    {
        var local = outbound.LocalEndPoint;
        var via = new ViaHeader { Transport = outbound.Protocol, Host = local.Address.ToString(), Port = local.Port };
        via.Parameters.Set("branch", branch);
        forwarded.Headers.Prepend(HeaderNames.Via, string.Concat(ViaTextUpToBranch(outbound, via), branch));

        // The client transaction's key is read from this Via: the view it was written from, not a parse of its text.
        forwarded.RememberTopVia(via);
    }

    // Every request this proxy forwards on a transport gets the same Via but for its branch: that text is made once.
    [ThreadStatic]
    private static (ISipTransport Transport, string Text)? t_viaUpToBranch;

    private static string ViaTextUpToBranch(ISipTransport outbound, ViaHeader via)
    {
        if (t_viaUpToBranch is { } last && ReferenceEquals(last.Transport, outbound))
        {
            return last.Text;
        }

        var sentBy = new ViaHeader { Transport = via.Transport, Host = via.Host, Port = via.Port };
        var text = string.Concat(sentBy.ToString(), ";branch=");
        t_viaUpToBranch = (outbound, text);
        return text;
    }

    /// <summary>
    /// A stateless proxy's branch must be the same for a request's retransmissions, so it is derived from the
    /// incoming branch (RFC 3261 §16.11).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    private static string StatelessBranch(SipRequest request)
    {
        // Every ACK for a 2xx takes this path, so the seed and its hash stay on the stack unless the seed is too long
        // for it (a huge Call-ID), which is written again into a rented buffer.
        var via = request.TopVia;
        Span<char> text = stackalloc char[256];
        char[]? rented = null;
        int written;
        while (!text.TryWrite(CultureInfo.InvariantCulture, $"{via?.Branch}|{via?.Host}|{via?.Port}|{request.CallId}|{request.CSeq?.Sequence}|{request.Method}", out written))
        {
            var larger = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length * 4);
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }

            rented = larger;
            text = larger;
        }

        // Hashed as the UTF-16 the seed was written in: the branch only has to be the same for the same request. BLAKE3
        // here is managed code; SHA-256 went through OpenSSL, whose per-call set-up cost more than the hash.
        Span<byte> hash = stackalloc byte[10];
        Blake3.Hasher.Hash(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text[..written]), hash);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        Span<char> hex = stackalloc char[hash.Length * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return string.Concat(Tags.BranchMagicCookie, hex);
    }

    private bool IsOurs(SipUri uri) => !uri.IsTel && FindLeg(uri.Host, uri.Port ?? 5060) is not null;

    private bool IsOurs(ViaHeader via) => FindLeg(via.Host, via.Port ?? 5060) is not null;

    private ProxyLeg? FindLeg(string host, int port)
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
