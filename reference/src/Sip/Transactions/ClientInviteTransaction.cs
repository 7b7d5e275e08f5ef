namespace Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.1 (figure 5). Retransmits the INVITE on timer A (doubling) over UDP until a response or timer B;
/// a 300–699 final response is acknowledged here, hop by hop (§17.1.1.3), and its retransmissions absorbed for
/// timer D; a 2xx goes to the transaction user, who acknowledges it end to end.
/// </summary>
public sealed class ClientInviteTransaction : ClientTransaction
{
    private const int A = 0;
    private const int B = 1;
    private const int D = 2;

    private SipRequest? _ack;

    public ClientInviteTransaction(SipRequest invite, Action<SipMessage> send, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : this(invite, new SendingUser(send), reliable, time, timers)
    {
    }

    /// <summary>A transaction whose owner sends its messages and hears what it does through <see cref="ITransactionUser"/>.</summary>
    public ClientInviteTransaction(SipRequest invite, ITransactionUser user, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : base(user, reliable, time, timers)
    {
        Invite = invite;
    }

    public SipRequest Invite { get; }

    public override void Start()
    {
        lock (Gate)
        {
            Enter(TransactionState.Calling);
            Send(Invite);
            if (!Reliable)
            {
                ArmRetransmission(A, Timers.T1);
            }

            Arm(B, Timers.Timeout);
        }
    }

    public override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            switch (State)
            {
                case TransactionState.Calling or TransactionState.Proceeding when response.IsProvisional:
                    Cancel(A);
                    Cancel(B);
                    Enter(TransactionState.Proceeding);
                    Deliver(response);
                    break;
                case TransactionState.Calling or TransactionState.Proceeding when response.StatusCode < 300:
                    Deliver(response);
                    Terminate(TransactionEnd.Completed);
                    break;
                case TransactionState.Calling or TransactionState.Proceeding:
                    Cancel(A);
                    Cancel(B);
                    _ack = AckFor(response);
                    Send(_ack);
                    Enter(TransactionState.Completed);
                    Deliver(response);
                    Linger(D, Timers.D(Reliable));
                    break;
                case TransactionState.Completed when response.StatusCode >= 300:
                    Send(_ack!);
                    break;
            }
        }
    }

    /// <summary>The transport could not send: the transaction ends as if timed out (§17.1.4).</summary>
    public override void OnTransportError()
    {
        lock (Gate)
        {
            if (State != TransactionState.Terminated)
            {
                Terminate(TransactionEnd.TimedOut);
            }
        }
    }

    /// <summary>Once completed by a rejection, the ACK it sends again for every retransmission of it (timer D); null before.</summary>
    internal SipRequest? Acknowledgement => State == TransactionState.Completed ? _ack : null;

    /// <summary>§17.1.1.3: same Request-URI, Call-ID, From, CSeq number and top Via as the INVITE; To from the response.</summary>
    public SipRequest AckFor(SipResponse response)
    {
        var ack = new SipRequest { Method = "ACK", RequestUri = Invite.RequestUri };
        var via = Invite.Headers[HeaderNames.Via];
        if (via is not null)
        {
            ack.Headers.Add(HeaderNames.Via, HeaderValueSplitter.SplitCommas(via)[0]);
        }

        foreach (var route in Invite.Headers.All(HeaderNames.Route))
        {
            ack.Headers.Add(HeaderNames.Route, route);
        }

        ack.Headers.Add(HeaderNames.MaxForwards, "70");
        ack.Headers.Add(HeaderNames.From, Invite.Headers[HeaderNames.From] ?? string.Empty);
        ack.Headers.Add(HeaderNames.To, response.Headers[HeaderNames.To] ?? Invite.Headers[HeaderNames.To] ?? string.Empty);
        ack.Headers.Add(HeaderNames.CallId, Invite.CallId ?? string.Empty);
        ack.Headers.Add(HeaderNames.CSeq, $"{Invite.CSeq?.Sequence ?? 0} ACK");
        return ack;
    }

    private protected override void OnTimer(int timer)
    {
        switch (timer)
        {
            case A when State == TransactionState.Calling:
                Send(Invite);
                ArmDoubled(A, capped: false);
                break;
            case B:
                Terminate(TransactionEnd.TimedOut);
                break;
            case D:
                Terminate(TransactionEnd.Completed);
                break;
        }
    }
}
