namespace Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.2 (figure 6). Retransmits on timer E over UDP, doubling up to T2 while trying and every T2 once a
/// provisional response came; timer F ends it with a timeout; after the final response timer K absorbs retransmissions.
/// </summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    private readonly TransactionTimer _e;
    private readonly TransactionTimer _f;
    private readonly TransactionTimer _k;

    public ClientNonInviteTransaction(SipRequest request, Action<SipMessage> send, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : base(send, reliable, time, timers)
    {
        Request = request;
        _e = NewTimer(OnTimerE);
        _f = NewTimer(() => Terminate(TransactionEnd.TimedOut));
        _k = NewTimer(() => Terminate(TransactionEnd.Completed));
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
                _e.Arm(Timers.T1);
            }

            _f.Arm(Timers.Timeout);
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

            _e.Cancel();
            _f.Cancel();
            Enter(TransactionState.Completed);
            Deliver(response);
            After(_k, Timers.Linger(Reliable), () => Terminate(TransactionEnd.Completed));
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

    private void OnTimerE()
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return;
        }

        Send(Request);
        var next = State == TransactionState.Proceeding ? Timers.T2 : _e.Interval * 2;
        _e.Arm(next < Timers.T2 ? next : Timers.T2);
    }
}
