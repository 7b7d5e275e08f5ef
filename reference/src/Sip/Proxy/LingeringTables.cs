using Microsoft.Extensions.Logging;
using Sip.Transactions;

namespace Sip.Proxy;

/// <summary>
/// What a transaction only lingers for over UDP, kept lean: when a transaction settles its key (and, where
/// retransmissions are answered, the wire bytes of its answer) moves here and the transaction itself ends at once.
/// Keeping whole transactions instead would hold some kilobytes per call for up to 32 s (a gigabyte at 2,000 calls/s).
/// </summary>
internal sealed class LingeringTables
{
    // RFC 6026 §8.5 "Accepted": an INVITE transaction that passed a 2xx on is over, but for timer L (64·T1) its key is
    // remembered so that a retransmission of the INVITE is absorbed instead of being screened and forwarded as a new
    // call. 2xx retransmissions from downstream need no state: they are relayed statelessly (§16.7).
    private readonly LingeringTable _accepted;

    // §17.2.1 timer I: an INVITE whose rejection was acknowledged over UDP is remembered, its key alone, so that
    // retransmitted ACKs and INVITEs are absorbed (the ACK said the caller has the rejection): neither is screened and
    // forwarded as a new call.
    private readonly LingeringTable _confirmed;

    // §17.1.2 timer K: a non-INVITE request forwarded over UDP whose final response came is remembered so that
    // retransmissions of that response are absorbed.
    private readonly LingeringTable _completedClients;

    // §17.1.1.2 timer D: an INVITE forwarded over UDP and rejected downstream is remembered with a wire copy of the ACK
    // this proxy sent, so that a retransmitted rejection is acknowledged again and goes no further.
    private readonly LingeringTable _rejectedInvites;

    // §17.2.2 timer J: a non-INVITE request answered over UDP is remembered with a wire copy of its final response.
    private readonly LingeringTable _answered;

    private readonly ILogger _logger;

    public LingeringTables(TimerWheel wheel, TimeProvider time, TransactionTimers timers, ILogger logger)
    {
        _accepted = new LingeringTable(wheel, time, timers.Timeout);
        _answered = new LingeringTable(wheel, time, timers.Timeout);
        _confirmed = new LingeringTable(wheel, time, timers.Linger(reliable: false));
        _completedClients = new LingeringTable(wheel, time, timers.Linger(reliable: false));
        _rejectedInvites = new LingeringTable(wheel, time, timers.D(reliable: false));
        _logger = logger;
    }

    public int AcceptedInvites => _accepted.Count;

    public int ConfirmedInvites => _confirmed.Count;

    public int RejectedInvites => _rejectedInvites.Count;

    public int AnsweredRequests => _answered.Count;

    public int CompletedRequests => _completedClients.Count;

    /// <summary>A server transaction settled over UDP (timer I or J): its key (and a non-INVITE's answer) are kept, and it is handed off.</summary>
    public void ServerSettled(TransactionKey key, ServerEntry entry)
    {
        if (entry.Invite is null)
        {
            _answered.Remember(key, entry.Transaction.Answer, entry.Transport, entry.Target);
        }
        else
        {
            _confirmed.Remember(key);
        }

        entry.Transaction.HandOff();
    }

    /// <summary>An INVITE transaction ended after passing a 2xx on (timer L).</summary>
    public void RememberAccepted(TransactionKey key) => _accepted.Remember(key);

    public bool IsAccepted(TransactionKey key) => IsInvite(key) && _accepted.Contains(key);

    // Every table holds keys of one kind of request only, so a lookup (a lock and a hash probe) in a table that cannot
    // hold the key is skipped: a new INVITE is looked up in two tables, not three.
    private static bool IsInvite(TransactionKey key) => key.Method == "INVITE";

    /// <summary>A retransmitted ACK for a rejection acknowledged already (timer I).</summary>
    public bool IsConfirmed(TransactionKey key) => _confirmed.Contains(key);

    /// <summary>A retransmitted final response to a non-INVITE request forwarded over UDP (timer K).</summary>
    public bool IsCompletedClient(TransactionKey key) => _completedClients.Contains(key);

    /// <summary>
    /// A retransmission of a request answered over UDP whose transaction was handed off: an INVITE acknowledged already
    /// is absorbed (timer I), any other request gets the same answer again (timer J).
    /// </summary>
    public bool TryAnswerAgain(TransactionKey key)
    {
        // A key names its method: an INVITE's can only be among the confirmed, any other request's among the answered.
        if (!(IsInvite(key) ? _confirmed : _answered).TryGetAnswer(key, out var answered))
        {
            return false;
        }

        SendAgain(answered);
        return true;
    }

    /// <summary>A retransmitted rejection of an INVITE forwarded over UDP (timer D): acknowledged again when <paramref name="final"/>.</summary>
    public bool TryAcknowledgeAgain(TransactionKey key, bool final)
    {
        if (!_rejectedInvites.TryGetAnswer(key, out var lingering))
        {
            return false;
        }

        if (final)
        {
            SendAgain(lingering);
        }

        return true;
    }

    /// <summary>
    /// A branch's client transaction settled over UDP: a non-INVITE's key alone absorbs the retransmitted answers
    /// (timer K); a rejected INVITE's key keeps its ACK's wire bytes to send again (timer D).
    /// </summary>
    public void ClientSettled(ProxyBranch branch)
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

    /// <summary>Sends the wire copy a lean table keeps for a key (a final response, or an ACK) again, where it went before.</summary>
    private void SendAgain(LingeringTable.Resend resend)
    {
        if (resend.Answer is { } answer)
        {
            Outbound.Send(resend.Transport!, answer, resend.Target!, _logger);
        }
    }
}
