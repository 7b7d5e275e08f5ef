namespace Sip.Proxy;

/// <summary>
/// What a request's final response waits for before it leaves the proxy: something its policy keeps about the request
/// (a call's record) reaching the store. The policy marks the request with a ticket (<see cref="ResponseHold"/>); the
/// final response, answered here or relayed from downstream, goes once the barrier has passed that ticket.
/// </summary>
public interface IResponseBarrier
{
    /// <summary>
    /// True when <paramref name="ticket"/> is passed and the response may go at once. Otherwise false, and
    /// <paramref name="waiter"/> is released exactly once, later and on another thread, when it is.
    /// </summary>
    bool PassOrWait(long ticket, IBarrierWaiter waiter);

    /// <summary>True when <paramref name="ticket"/> is passed: asked first, so that a response that may go makes no waiter.</summary>
    bool Passed(long ticket);
}
