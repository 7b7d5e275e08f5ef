namespace Sip.Transactions;

/// <summary>What the two server state machines (§17.2.1 INVITE, §17.2.2 non-INVITE) offer the transaction user alike.</summary>
public abstract class ServerTransaction(ITransactionUser user, bool reliable, TimeProvider time, TransactionTimers? timers)
    : SipTransaction(user, reliable, time, timers)
{
    // One shot for every timer: an INVITE's G and H are never armed at once, and I only once both are cancelled; a
    // non-INVITE's J is its only timer. A proxy makes one of these per call, and each shot is 32 bytes of it.
    private TimerShot _shot;

    private protected sealed override ref TimerShot ShotOf(int timer) => ref _shot;

    /// <summary>The request arrived again: absorbed, or answered with the latest response.</summary>
    public abstract void OnRetransmission();

    /// <summary>Sends a response from the transaction user, provisional or final.</summary>
    public abstract void Respond(SipResponse response);

    /// <summary>Once settled, the wire copy of the final response it answers retransmissions with (null before, or when it keeps none).</summary>
    internal abstract SipResponse? Answer { get; }

    /// <summary>
    /// Whether a final response over UDP is kept in an array leased from the pool rather than one of its own, handed
    /// back when the transaction ends: only when whatever sends for this transaction is done with a message when the
    /// send returns (<see cref="Transport.ISipTransport.CopiesOnSend"/>), so that the copy is read by this transaction alone.
    /// </summary>
    internal bool PoolsWireCopy { get; init; }

    /// <summary>
    /// What is kept of a response just sent, to answer retransmissions with: over UDP, a response kept
    /// <paramref name="asBytes"/> is kept as its bytes alone (a wire copy, in a pooled array when
    /// <see cref="PoolsWireCopy"/>; one that is its bytes already, as it is); anything else as it is.
    /// </summary>
    private protected SipResponse Kept(SipResponse response, bool asBytes) =>
        Reliable || !asBytes || response.IsWireCopy ? response : PoolsWireCopy ? SipMessage.PooledWireCopy(response) : SipMessage.WireCopy(response);

    /// <summary>Hands a kept response's pooled array back (nothing for any other) and forgets it: once nothing sends it again.</summary>
    private protected static void LetGo(ref SipResponse? kept)
    {
        if (kept is { LeasedLength: > 0 } leased)
        {
            kept = null;
            leased.ReturnWire();
        }
    }
}
