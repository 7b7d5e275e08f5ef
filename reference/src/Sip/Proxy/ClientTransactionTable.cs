using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Sip.Transactions;
using Sip.Transport;

namespace Sip.Proxy;

/// <summary>
/// The proxy's client transactions by key, one per branch a request was forwarded on (and per CANCEL the proxy
/// sends itself): started here, heard from when they settle (handed to the lingering tables) or end, and forgotten
/// when their response context gives up on them.
/// </summary>
internal sealed class ClientTransactionTable(TransactionTimers timers, TimeProvider time, LingeringTables lingering, ILogger logger)
{
    private readonly ConcurrentDictionary<TransactionKey, ProxyBranch> _clients = new();

    public int Count => _clients.Count;

    public bool TryGet(TransactionKey key, out ProxyBranch branch) => _clients.TryGetValue(key, out branch!);

    /// <summary>Makes the branch's client transaction, keyed by the Via the branch's request carries on top, and starts it.</summary>
    public void Start(ProxyBranch branch)
    {
        var reliable = branch.Outbound.Kind != TransportProtocol.Udp;
        var request = branch.Request;
        branch.Key = TransactionKey.ForRequest(request)!.Value;
        ClientTransaction transaction = request.Kind == SipMethod.Invite
            ? new ClientInviteTransaction(request, branch, reliable, time, timers)
            : new ClientNonInviteTransaction(request, branch, reliable, time, timers);
        branch.Transaction = transaction;
        _clients[branch.Key] = branch;
        transaction.Start();
    }

    /// <summary>Puts a branch's message on the wire; <paramref name="failed"/> hears of a transport failure later, off the caller's lock.</summary>
    public void Send(ISipTransport transport, SipMessage message, IPEndPoint to, Action? failed) => Outbound.Send(transport, message, to, logger, failed);

    public void OnSettled(ProxyBranch branch) => lingering.ClientSettled(branch);

    public void OnEnded(ProxyBranch branch)
    {
        _clients.TryRemove(new KeyValuePair<TransactionKey, ProxyBranch>(branch.Key, branch));
        branch.Transaction?.Dispose();
        branch.Context?.OnBranchEnded(branch);

        // The forwarded copy shares the received request's buffer; the server transaction lets go of its own hold.
        branch.Request.Release();
    }

    /// <summary>§9.1: a CANCEL for a branch: its Request-URI, Call-ID, From, To, CSeq number, Route and its one Via.</summary>
    public void SendCancel(ProxyBranch branch)
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
        Start(new ProxyBranch(this, cancel, branch.Target, branch.Leg, branch.Leg.For(branch.Target.Protocol), context: null));
    }

    /// <summary>Forgets a branch whose final response the context generated itself (timer C, or no answer to CANCEL).</summary>
    public void Abandon(ProxyBranch branch)
    {
        if (_clients.TryRemove(new KeyValuePair<TransactionKey, ProxyBranch>(branch.Key, branch)))
        {
            branch.Transaction?.Dispose();
            branch.Request.Release();
        }
    }
}
