namespace Sip.Transactions;

/// <summary>An owner of timers on a <see cref="TimerWheel"/> that takes its shots itself, without a delegate per timer.</summary>
internal interface ITimerTarget
{
    /// <summary>A shot is due; the owner tells a current shot from one it replaced or cancelled.</summary>
    void Fire(TimerWheel.Entry shot);
}
