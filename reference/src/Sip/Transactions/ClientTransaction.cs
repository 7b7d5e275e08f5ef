namespace Sip.Transactions;

/// <summary>What the two client state machines (§17.1.1 INVITE, §17.1.2 non-INVITE) offer the transaction user alike.</summary>
public abstract class ClientTransaction(ITransactionUser user, bool reliable, TimeProvider time, TransactionTimers? timers)
    : SipTransaction(user, reliable, time, timers)
{
    // The retransmission timer (A, E) and the timeout (B, F) run at once; the wait after a final response (D, K) is
    // armed once both are cancelled, and takes the first one's shot.
    private Shots _shots;

    private protected sealed override ref TimerShot ShotOf(int timer) => ref _shots[timer % 2];

    [System.Runtime.CompilerServices.InlineArray(2)]
    private struct Shots
    {
        private TimerShot _first;
    }

    /// <summary>
    /// Responses the transaction user must see: for INVITE the provisional ones, the first final one and every 2xx;
    /// otherwise the provisional ones and the final one. Retransmissions the state machine absorbs are not raised.
    /// </summary>
    public event Action<SipResponse>? ResponseReceived;

    /// <summary>Sends the request and arms the retransmission and timeout timers.</summary>
    public abstract void Start();

    /// <summary>A response matched to this transaction (§17.1.3).</summary>
    public abstract void OnResponse(SipResponse response);

    /// <summary>The transport could not send the request (§17.1.4): the transaction ends as a transport failure.</summary>
    public abstract void OnTransportError();

    /// <summary>Passes a response up to the transaction user.</summary>
    protected void Deliver(SipResponse response)
    {
        User.OnResponse(this, response);
        ResponseReceived?.Invoke(response);
    }
}
