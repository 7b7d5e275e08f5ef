namespace Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.2 (figure 6). Retransmits on timer E over UDP, doubling up to T2 while trying and every T2 once a
/// provisional response came; timer F ends it with a timeout; after the final response timer K absorbs retransmissions.
/// </summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    private const int E = 0;
    private const int F = 1;
    private const int K = 2;


    public ClientNonInviteTransaction(SipRequest request, Action<SipMessage> send, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : this(request, new SendingUser(send), reliable, time, timers)
    {
    }

    /// <summary>A transaction whose owner sends its messages and hears what it does through <see cref="ITransactionUser"/>.</summary>
    public ClientNonInviteTransaction(SipRequest request, ITransactionUser user, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : base(user, reliable, time, timers)
    {
        Request = request;
    }

    public SipRequest Request { get; }

    public override void Start()
    {
        lock (Gate)
        {
            Enter(TransactionState.Trying);
            Send(Request);
            if (!Reliable)
            {
                ArmRetransmission(E, Timers.T1);
            }

            Arm(F, Timers.Timeout);
        }
    }

    public override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            if (State is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return;
            }

            if (response.IsProvisional)
            {
                Enter(TransactionState.Proceeding);
                Deliver(response);
                return;
            }

            Cancel(E);
            Cancel(F);
            Enter(TransactionState.Completed);
            Deliver(response);
            Linger(K, Timers.Linger(Reliable));
        }
    }

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

    private protected override void OnTimer(int timer)
    {
        switch (timer)
        {
            case E when State is TransactionState.Trying or TransactionState.Proceeding:
                Send(Request);
                if (State == TransactionState.Proceeding)
                {
                    ArmRetransmission(E, Timers.T2);
                }
                else
                {
                    ArmDoubled(E);
                }
                break;
            case F:
                Terminate(TransactionEnd.TimedOut);
                break;
            case K:
                Terminate(TransactionEnd.Completed);
                break;
        }
    }
}
