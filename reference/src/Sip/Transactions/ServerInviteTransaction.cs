namespace Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.1 (figure 7). Answers 100 Trying at once, so that the caller stops retransmitting; a retransmitted
/// INVITE gets the latest response again. A 300–699 final response is retransmitted on timer G (doubling up to T2)
/// until the ACK, which is absorbed here, or timer H; the ACK shows the caller has the final response, so in Confirmed
/// (timer I) retransmitted ACKs and INVITEs alike are absorbed, and the final response is not kept past the ACK. A 2xx
/// ends the transaction: its retransmission belongs to the transaction user (§13.3.1.4).
/// </summary>
public sealed class ServerInviteTransaction : ServerTransaction
{
    private const int G = 0;
    private const int H = 1;
    private const int I = 2;

    private SipResponse? _last;

    // Timers G and H share one shot on the wheel: what is left of H once the next G is due. The shot is G while that is
    // more than nothing, and H for the rest: one timer armed, moved and cancelled per rejected call instead of two.
    private TimeSpan _untilH;

    // Only needed to build 100 Trying; dropped once answered, so a transaction lingering for timer I holds the response alone.
    private SipRequest? _invite;

    public ServerInviteTransaction(SipRequest invite, Action<SipMessage> send, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : this(invite, new SendingUser(send), reliable, time, timers)
    {
    }

    /// <summary>A transaction whose owner sends its messages and hears what it does through <see cref="ITransactionUser"/>.</summary>
    public ServerInviteTransaction(SipRequest invite, ITransactionUser user, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : base(user, reliable, time, timers)
    {
        _invite = invite;
    }

    /// <summary>True once the transaction passed a 2xx on (and so ended): its user keeps the RFC 6026 "Accepted" memory.</summary>
    public bool AnsweredWith2xx { get; private set; }

    /// <summary>Enters Proceeding and sends 100 Trying (§17.2.1: when the TU will not answer within 200 ms; a screening node cannot promise that).</summary>
    public void Start(bool sendTrying = true)
    {
        lock (Gate)
        {
            Enter(TransactionState.Proceeding);
            if (sendTrying && _invite is not null)
            {
                _last = SipResponse.For(_invite, 100);
                Send(_last);
            }
        }
    }

    /// <summary>
    /// The INVITE arrived again: answer with the latest response, if any (absorbed otherwise). In Confirmed, where
    /// §17.2.1 only absorbs ACKs, it is absorbed too: the caller's ACK says it has the final response, and one that
    /// crossed the ACK on the wire is a copy of what came before it.
    /// </summary>
    public override void OnRetransmission()
    {
        lock (Gate)
        {
            if (State is TransactionState.Proceeding or TransactionState.Completed && _last is not null)
            {
                Send(_last);
            }
        }
    }

    /// <summary>A response from the transaction user.</summary>
    public override void Respond(SipResponse response)
    {
        lock (Gate)
        {
            if (State != TransactionState.Proceeding)
            {
                return;
            }

            // A rejection over UDP is kept for retransmissions (timer G) and for timer I as its bytes: encoded once
            // here, sent from them every time, and the response object with its headers is not held.
            _last = Kept(response, asBytes: response.StatusCode >= 300);
            Send(_last);
            if (response.IsProvisional)
            {
                return;
            }

            _invite = null;

            if (response.StatusCode < 300)
            {
                AnsweredWith2xx = true;
                Terminate(TransactionEnd.Completed);
                return;
            }

            Enter(TransactionState.Completed);
            if (Reliable)
            {
                Arm(H, Timers.Timeout);
                return;
            }

            ArmG(Timers.T1, Timers.Timeout);
        }
    }

    /// <summary>The ACK for a 300–699 final response (matched to this transaction by branch, §17.2.3).</summary>
    public void OnAck()
    {
        lock (Gate)
        {
            if (State != TransactionState.Completed)
            {
                return;
            }

            Cancel(G);
            Cancel(H);
            Enter(TransactionState.Confirmed);

            // Nothing sends the final response again from here (see OnRetransmission): its bytes go now, not at timer I.
            LetGo(ref _last);
            Linger(I, Timers.Linger(Reliable));
        }
    }

    /// <summary>A confirmed transaction answers nothing (it absorbs), so it keeps no answer for a lean table.</summary>
    internal override SipResponse? Answer => null;

    /// <summary>
    /// A pooled wire copy goes back to the pool at the ACK (Confirmed) or here, and no sooner. Its readers are this
    /// transaction's sends (the first, a retransmitted INVITE's, timer G's): all of them run under the transaction's
    /// lock and only in Proceeding or Completed, so once Confirmed or Terminated, under that same lock, none comes
    /// again. The transport copied the bytes out before each send returned (<see cref="PoolsWireCopy"/>), and the copy
    /// itself was never handed to anything else. The next call that leases the array writes its own rejection over it.
    /// </summary>
    private protected override void OnTerminated() => LetGo(ref _last);

    /// <summary>
    /// Arms G after <paramref name="interval"/> when H, <paramref name="untilH"/> away, is not due before it; H for the rest
    /// otherwise. G and H due at once fire as they would on two shots: G's retransmission, then H.
    /// </summary>
    private void ArmG(TimeSpan interval, TimeSpan untilH)
    {
        if (untilH <= TimeSpan.Zero)
        {
            Terminate(TransactionEnd.NoAck);
            return;
        }

        if (interval > untilH)
        {
            Arm(H, untilH);
            return;
        }

        _untilH = untilH - interval;
        ArmRetransmission(G, interval);
    }

    private protected override void OnTimer(int timer)
    {
        switch (timer)
        {
            case G when State == TransactionState.Completed:
                if (_last is not null)
                {
                    Send(_last);
                }

                ArmG(Doubled(), _untilH);
                break;
            case H:
                Terminate(TransactionEnd.NoAck);
                break;
            case I:
                Terminate(TransactionEnd.Completed);
                break;
        }
    }
}
