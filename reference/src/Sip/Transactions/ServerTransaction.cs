namespace Sip.Transactions;

/// <summary>What the two server state machines (§17.2.1 INVITE, §17.2.2 non-INVITE) offer the transaction user alike.</summary>
public abstract class ServerTransaction(Action<SipMessage> send, bool reliable, TimeProvider time, TransactionTimers? timers)
    : SipTransaction(send, reliable, time, timers)
{
    /// <summary>
    /// Raised once, when the transaction will send nothing new: from then on it lingers (timer I or J over UDP) only to
    /// absorb retransmissions, or to answer them from its own wire copy of the final response. The transaction user
    /// can let go of the request and of every response now rather than when the transaction ends: a proxy holds
    /// thousands of lingering transactions, and what they hold is what its garbage collector copies.
    /// </summary>
    public event Action<ServerTransaction>? Settled;

    /// <summary>The request arrived again: absorbed, or answered with the latest response.</summary>
    public abstract void OnRetransmission();

    /// <summary>Sends a response from the transaction user, provisional or final.</summary>
    public abstract void Respond(SipResponse response);

    /// <summary>Raises <see cref="Settled"/>; called under the transaction's lock, like <see cref="SipTransaction.Ended"/>.</summary>
    protected void Settle() => Settled?.Invoke(this);
}
