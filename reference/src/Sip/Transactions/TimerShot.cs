namespace Sip.Transactions;

/// <summary>
/// One timer of an <see cref="ITimerTarget"/> as the <see cref="TimerWheel"/> links it, kept inline by its owner and
/// reused each time the timer is armed: arming allocates nothing. A proxy arms a timer per call (G of a rejection,
/// cancelled by the ACK); a wheel entry made for each was an object per call for the collector. The links name the
/// neighbours in the slot by owner and timer id. <see cref="Generation"/> moves on each time the shot is armed or
/// cancelled, so the owner tells the firing of the shot as it is now from one of a shot cancelled or armed again
/// while the wheel was already firing it.
/// </summary>
internal struct TimerShot
{
    // The wheel's part, under its lock.
    internal ITimerTarget? Next;
    internal ITimerTarget? Previous;
    internal int Rounds;

    internal int Slot;
    internal byte NextId;
    internal byte PreviousId;
    internal bool Linked;

    /// <summary>Armed, and neither cancelled nor fired and taken by its owner since: the owner's part, under the owner's lock, so that cancelling a timer that is not armed never takes the wheel's lock.</summary>
    internal bool Pending;

    /// <summary>Moved on by the wheel each time the shot is armed or cancelled.</summary>
    internal int Generation;
}
