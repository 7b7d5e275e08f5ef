using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>
/// On the system clock the transaction timers are turned by a thread of their own: a periodic system timer would hand
/// every tick to a thread-pool worker, which then spins before it sleeps. (A fake clock drives the wheel through its
/// own timers: every other transaction test runs that way.)
/// </summary>
public sealed class WheelTickerTests
{
    [Test]
    public void OnTheSystemClockTimersFireOnTheWheelsOwnThreadAgainAfterTheWheelWentIdle()
    {
        var wheel = TimerWheel.For(TimeProvider.System);
        var first = FireOnce(wheel);

        // Nothing is armed now, so the ticking thread waits; arming again must wake it.
        Thread.Sleep(TimerWheel.Tick * 5);
        var second = FireOnce(wheel);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(("sip-timers", false)));
            Assert.That(second, Is.EqualTo(("sip-timers", false)));
        });
    }

    [Test]
    public void OnTheSystemClockAShotArmedSoonerThanTheOneTheThreadSleepsForFiresFirst()
    {
        var wheel = TimerWheel.For(TimeProvider.System);
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sleptFor = wheel.Schedule(TimeSpan.FromSeconds(20), _ => late.TrySetResult());

        // The thread now sleeps until the 20 s shot's tick: arming an earlier one must wake it for that one.
        Thread.Sleep(TimerWheel.Tick * 3);
        var soon = FireOnce(wheel);
        var lateFiredFirst = late.Task.IsCompleted;
        wheel.Cancel(sleptFor);

        Assert.Multiple(() =>
        {
            Assert.That(soon, Is.EqualTo(("sip-timers", false)));
            Assert.That(lateFiredFirst, Is.False, "the sooner shot waited for the later one");
        });
    }

    [Test]
    public void EachClockHasOneWheelWhicheverWasAskedForLast()
    {
        var first = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var second = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();

        var firstWheel = TimerWheel.For(first);
        var secondWheel = TimerWheel.For(second);

        Assert.Multiple(() =>
        {
            Assert.That(secondWheel, Is.Not.SameAs(firstWheel));
            Assert.That(TimerWheel.For(first), Is.SameAs(firstWheel));
            Assert.That(TimerWheel.For(first), Is.SameAs(firstWheel), "asked twice in a row");
            Assert.That(TimerWheel.For(second), Is.SameAs(secondWheel));
        });
    }

    private static (string? Thread, bool ThreadPool) FireOnce(TimerWheel wheel)
    {
        var fired = new TaskCompletionSource<(string?, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        wheel.Schedule(TimeSpan.FromMilliseconds(20), _ => fired.TrySetResult((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread)));
        Assert.That(fired.Task.Wait(TimeSpan.FromSeconds(10)), Is.True, "the timer did not fire within 10 s");
        return fired.Task.Result;
    }
}
