namespace Sip.Transport;

/// <summary>
/// Keeps one transaction's responses on the wire in the order it sent them, across threads. A UDP receive loop holds
/// what its handlers send until it has handled the whole batch (<see cref="SendBatch"/>), so a provisional response
/// queued there could leave after a final response another thread sent meanwhile (one released after its call
/// record was written, a timer's). A send from another thread therefore withdraws the provisional responses of the
/// same transaction still queued in a loop's batch, or, while the loop is putting them on the wire, waits until it
/// has. RFC 3261 §16.7: a provisional response after the final one is not forwarded, so a withdrawn one is one the
/// proxy may drop; a final response is never withdrawn.
/// </summary>
/// <remarks>
/// The transaction sends under its own lock, so the owner's sends never race each other; only the loop's flush does.
/// The wait covers the loop's send call alone, during which it holds no lock. A transaction holds its order as a field
/// (<see cref="ISendOrdered"/>), a single int: no object of its own per transaction.
/// </remarks>
internal struct SendOrder
{
    private const int Idle = 0;
    private const int Queued = 1;
    private const int Sending = 2;
    private const int Withdrawn = 3;

    private int _state;

    /// <summary>Whether a response has been withdrawn from a loop's batch because a later one went first (for tests).</summary>
    internal bool HasWithdrawn => Volatile.Read(ref _state) == Withdrawn;

    /// <summary>
    /// The loop's thread is about to queue a provisional response: false when another thread already sent a response
    /// that went ahead of those queued before, so this one would come after it too and is dropped.
    /// </summary>
    internal bool TryQueue() => Interlocked.CompareExchange(ref _state, Queued, Idle) != Withdrawn;

    /// <summary>The loop is flushing: false when this owner's queued responses were withdrawn and must not go.</summary>
    internal bool BeginFlush() => Interlocked.CompareExchange(ref _state, Sending, Queued) != Withdrawn;

    /// <summary>The loop's send call returned: what was queued is on the wire.</summary>
    internal void EndFlush() => Interlocked.CompareExchange(ref _state, Idle, Sending);

    /// <summary>Another thread is about to send for this owner: what a loop still holds is withdrawn, or sent first.</summary>
    internal void BeforeSendElsewhere()
    {
        var spin = default(SpinWait);
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state is Idle or Withdrawn)
            {
                return;
            }

            if (state == Queued && Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued)
            {
                return;
            }

            if (state == Sending)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
