namespace Sip.Transactions;

/// <summary>An owner of timers on a <see cref="TimerWheel"/> that keeps each timer's <see cref="TimerShot"/> inline and takes its shots itself, without a delegate or an entry per timer.</summary>
internal interface ITimerTarget
{
    /// <summary>The shot of timer <paramref name="id"/> (an owner whose timers share one shot returns it for each).</summary>
    ref TimerShot ShotOf(int id);

    /// <summary>
    /// Timer <paramref name="id"/> is due, as armed at <paramref name="generation"/>: a shot whose generation has moved
    /// on since was cancelled or armed again while on its way, and is ignored.
    /// </summary>
    void Fire(int id, int generation);
}
