namespace Sip.Transactions;

/// <summary>
/// The owner of a transaction, called by it directly: how its messages go on the wire, and what it hears. A proxy
/// makes two to four transactions per call; an interface its own per-call object implements costs nothing per
/// transaction, where a closure and a delegate per callback would be garbage at thousands of calls a second. The
/// calls come under the transaction's lock, as the <see cref="SipTransaction.Ended"/> and
/// <see cref="SipTransaction.Settled"/> events (raised too, after the user) do.
/// </summary>
public interface ITransactionUser
{
    /// <summary>Puts a message of <paramref name="transaction"/> on the wire (a request, an ACK, a response or a retransmission).</summary>
    void Send(SipTransaction transaction, SipMessage message);

    /// <summary>A response a client transaction lets through to its user (see <see cref="ClientTransaction.ResponseReceived"/>).</summary>
    void OnResponse(ClientTransaction transaction, SipResponse response);

    /// <summary>The transaction will send nothing new (see <see cref="SipTransaction.Settled"/>).</summary>
    void OnSettled(SipTransaction transaction);

    /// <summary>The transaction ended (see <see cref="SipTransaction.Ended"/>).</summary>
    void OnEnded(SipTransaction transaction, TransactionEnd end);
}

/// <summary>The user of a transaction made with only a send delegate: it sends, and leaves the rest to the events.</summary>
internal sealed class SendingUser(Action<SipMessage> send) : ITransactionUser
{
    public void Send(SipTransaction transaction, SipMessage message) => send(message);

    public void OnResponse(ClientTransaction transaction, SipResponse response)
    {
    }

    public void OnSettled(SipTransaction transaction)
    {
    }

    public void OnEnded(SipTransaction transaction, TransactionEnd end)
    {
    }
}
