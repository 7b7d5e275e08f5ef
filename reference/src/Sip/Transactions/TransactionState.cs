namespace Sip.Transactions;

/// <summary>The states of the four RFC 3261 §17 state machines (figures 5 to 8).</summary>
public enum TransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Terminated,
}
