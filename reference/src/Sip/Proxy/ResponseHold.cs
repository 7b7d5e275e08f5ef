namespace Sip.Proxy;

/// <summary>The barrier a request's final response waits at, and the request's ticket there.</summary>
public readonly record struct ResponseHold(IResponseBarrier Barrier, long Ticket)
{
    /// <summary>True when the response may go now; otherwise <paramref name="waiter"/> is released when it may.</summary>
    public bool PassOrWait(IBarrierWaiter waiter) => Barrier.PassOrWait(Ticket, waiter);

    /// <summary>True when the response may go now.</summary>
    public bool Passed => Barrier.Passed(Ticket);
}
