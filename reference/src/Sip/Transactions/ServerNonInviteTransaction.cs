namespace Sip.Transactions;

/// <summary>
/// RFC 3261 §17.2.2 (figure 8). Retransmitted requests are absorbed while trying and answered with the latest
/// response afterwards; after the final response timer J keeps the transaction to absorb retransmissions.
/// </summary>
public sealed class ServerNonInviteTransaction : ServerTransaction
{
    private const int J = 0;

    private SipResponse? _last;

    public ServerNonInviteTransaction(SipRequest request, Action<SipMessage> send, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : this(request, new SendingUser(send), reliable, time, timers)
    {
    }

    /// <summary>A transaction whose owner sends its messages and hears what it does through <see cref="ITransactionUser"/>.</summary>
    public ServerNonInviteTransaction(SipRequest request, ITransactionUser user, bool reliable, TimeProvider time, TransactionTimers? timers = null)
        : base(user, reliable, time, timers)
    {
        // The request itself is not kept: every response to it comes from the transaction user.
        ArgumentNullException.ThrowIfNull(request);
        Enter(TransactionState.Trying);
    }

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

    public override void Respond(SipResponse response)
    {
        lock (Gate)
        {
            if (State is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return;
            }

            // Timer J keeps a final response over UDP for 32 s: as its bytes, encoded once here and sent from them,
            // not as the response object with its headers.
            _last = Kept(response, asBytes: !response.IsProvisional);
            Send(_last);
            if (response.IsProvisional)
            {
                Enter(TransactionState.Proceeding);
                return;
            }

            Enter(TransactionState.Completed);
            Linger(J, Timers.J(Reliable));
        }
    }

    /// <summary>The wire copy of the final response a settled transaction answers retransmissions with.</summary>
    internal override SipResponse? Answer => State == TransactionState.Completed ? _last : null;

    /// <summary>
    /// A pooled wire copy goes back to the pool here, and no sooner: as for an INVITE's rejection (see
    /// <see cref="ServerInviteTransaction"/>), every send of it and every read of <see cref="Answer"/> checks the state
    /// under the transaction's lock, and it is Terminated now, under that lock.
    /// </summary>
    private protected override void OnTerminated() => LetGo(ref _last);

    private protected override void OnTimer(int timer) => Terminate(TransactionEnd.Completed);
}
