namespace Sip.Transactions;

/// <summary>Why a transaction ended, for the transaction user (a timeout becomes a 408 towards the caller).</summary>
public enum TransactionEnd
{
    /// <summary>The transaction ran its course.</summary>
    Completed,

    /// <summary>Timer B or F: no final response came (the TU answers 408, §16.7 point 10 / §8.1.3.1).</summary>
    TimedOut,

    /// <summary>Timer H: the final response of a server INVITE transaction was never acknowledged.</summary>
    NoAck,
}
