using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>
/// What arming a timer asks of the wheel's ticker: each wake-up of the timer thread is microseconds of a virtual
/// machine's processor, so the wheel wakes it only when it sleeps for nothing or for a later tick.
/// </summary>
public sealed class TimerWheelWakeTests
{
    [Test]
    public void AShotArmedOnAWheelItsCancelsEmptiedWakesNothingWhenItIsDueNoSoonerThanTheTickerSleepsFor()
    {
        var ticker = new CountingTicker();
        var wheel = new TimerWheel(_ => ticker);

        // Timer H of one call over TCP, cancelled by its ACK; then the next call's.
        wheel.Cancel(wheel.Schedule(TimeSpan.FromSeconds(32), _ => { }));
        ticker.Clock = 2;
        wheel.Schedule(TimeSpan.FromSeconds(32), _ => { });

        Assert.That((ticker.ArmedCount, ticker.SoonerCount), Is.EqualTo((1, 0)), "the thread sleeps until the first shot's tick, before the second's: nothing to wake it for");
    }

    [Test]
    public void AShotDueBeforeTheTickTheTickerSleepsForWakesIt()
    {
        var ticker = new CountingTicker();
        var wheel = new TimerWheel(_ => ticker);

        wheel.Cancel(wheel.Schedule(TimeSpan.FromSeconds(32), _ => { }));
        wheel.Schedule(TimeSpan.FromMilliseconds(500), _ => { });

        Assert.That((ticker.ArmedCount, ticker.SoonerCount), Is.EqualTo((1, 1)));
    }

    [Test]
    public void AShotArmedAfterTheTickerWentIdleArmsItAgainAndFires()
    {
        var ticker = new CountingTicker();
        var wheel = new TimerWheel(_ => ticker);
        wheel.Cancel(wheel.Schedule(TimeSpan.FromSeconds(1), _ => { }));

        // The ticker wakes for the cancelled shot's tick, finds nothing armed and goes idle.
        ticker.Clock = 20;
        Assert.That(wheel.TurnTo(ticker.Clock), Is.EqualTo(long.MaxValue));

        var fired = false;
        wheel.Schedule(TimeSpan.FromSeconds(1), _ => fired = true);
        ticker.Clock = 40;
        wheel.TurnTo(ticker.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(ticker.ArmedCount, Is.EqualTo(2), "an idle ticker is armed again by the next shot");
            Assert.That(ticker.IdleCount, Is.GreaterThanOrEqualTo(1));
            Assert.That(fired, Is.True);
        });
    }

    private sealed class CountingTicker : WheelTicker
    {
        public long Clock { get; set; }

        public int ArmedCount { get; private set; }

        public int SoonerCount { get; private set; }

        public int IdleCount { get; private set; }

        public override long Now(long turned) => Math.Max(turned, Clock);

        public override void Armed() => ArmedCount++;

        public override void Sooner() => SoonerCount++;

        public override void Idle() => IdleCount++;
    }
}
