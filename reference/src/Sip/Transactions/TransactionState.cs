namespace Sip.Transactions;

/// <summary>The states of the four RFC 3261 §17 state machines (figures 5 to 8).</summary>
public enum TransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,

    /// <summary>RFC 6026 §7.1: an INVITE transaction that passed a 2xx on; it absorbs the INVITE's retransmissions and lets 2xx retransmissions through until timer L (server) or M (client).</summary>
    Accepted,
    Terminated,
}
