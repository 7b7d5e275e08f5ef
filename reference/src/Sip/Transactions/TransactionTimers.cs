namespace Sip.Transactions;

/// <summary>
/// RFC 3261 §17 timer values (table 4). T1 is the round-trip estimate, T2 the cap on non-INVITE retransmission
/// intervals, T4 the time a message may stay in the network. Over a reliable transport the waits that only absorb
/// retransmissions (D, I, J, K) are zero.
/// </summary>
public sealed record TransactionTimers
{
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer B, F, H and J: 64·T1, how long a transaction waits for an answer or an ACK.</summary>
    public TimeSpan Timeout => T1 * 64;

    /// <summary>Timer D: at least 32 s over UDP, to absorb retransmitted final responses of an INVITE.</summary>
    public TimeSpan D(bool reliable) => reliable ? TimeSpan.Zero : TimeSpan.FromSeconds(32) > Timeout ? TimeSpan.FromSeconds(32) : Timeout;

    /// <summary>Timer I and K: T4 over UDP.</summary>
    public TimeSpan Linger(bool reliable) => reliable ? TimeSpan.Zero : T4;

    /// <summary>Timer J: 64·T1 over UDP.</summary>
    public TimeSpan J(bool reliable) => reliable ? TimeSpan.Zero : Timeout;

    public static TransactionTimers Default { get; } = new();
}
