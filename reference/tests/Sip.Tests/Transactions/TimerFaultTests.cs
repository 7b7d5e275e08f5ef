using Microsoft.Extensions.Time.Testing;
using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>
/// A timer callback that throws is a fault in the node, but it must not take the node down with it: the wheel's thread
/// has nothing above it to catch, so an escaping exception would end the process, and every call with it. The wheel
/// counts it, keeps the exception, and fires the other shots due on the same tick.
/// </summary>
public sealed class TimerFaultTests
{
    [Test]
    public void AThrowingTimerIsCountedAndTheOthersOnTheSameTickStillFire()
    {
        var time = new FakeTimeProvider();
        var wheel = TimerWheel.For(time);
        var fired = new List<string>();
        wheel.Schedule(TimeSpan.FromMilliseconds(50), _ => fired.Add("before"));
        wheel.Schedule(TimeSpan.FromMilliseconds(50), _ => throw new InvalidOperationException("a broken timer"));
        wheel.Schedule(TimeSpan.FromMilliseconds(50), _ => fired.Add("after"));

        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Multiple(() =>
        {
            Assert.That(fired, Is.EquivalentTo(new[] { "before", "after" }));
            Assert.That(wheel.Faults, Is.EqualTo(1));
            Assert.That(wheel.LastFault?.Message, Is.EqualTo("a broken timer"));
        });
    }

    [Test]
    public void TheProxyReportsItsWheelsFaults()
    {
        var time = new FakeTimeProvider();
        var proxy = new Sip.Proxy.StatefulProxy(new Sip.Proxy.ProxyOptions(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5070)), new Proxy.RecordingPolicy(), time);
        Assert.That(proxy.Counters.TimerFaults, Is.Zero);

        TimerWheel.For(time).Schedule(TimeSpan.FromMilliseconds(10), _ => throw new InvalidOperationException("a broken timer"));
        time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Multiple(() =>
        {
            Assert.That(proxy.Counters.TimerFaults, Is.EqualTo(1));
            Assert.That(proxy.LastTimerFault?.Message, Is.EqualTo("a broken timer"));
        });
    }
}
