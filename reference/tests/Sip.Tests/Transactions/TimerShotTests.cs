using Microsoft.Extensions.Time.Testing;
using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>
/// A transaction's timers live inline in it and are reused: arming one (G of every rejected call, I at its ACK)
/// makes nothing for the collector, and a shot cancelled or armed again while the wheel fires it is known as stale.
/// </summary>
public sealed class TimerShotTests
{
    [Test]
    public void ArmingAndCancellingAServerInviteTransactionsTimersAllocatesNothing()
    {
        var time = new FakeTimeProvider();
        var invite = Wire.Request("INVITE");
        var sent = 0;
        using var transaction = new ServerInviteTransaction(invite, _ => sent++, reliable: false, time);
        transaction.Start(sendTrying: false);

        // The rejection arms G; the wheel's ticker is made on the first shot, before the measured part.
        transaction.Respond(Wire.Response(invite, 603));

        // The ACK cancels G and arms I (timer I: T4 over UDP).
        var before = GC.GetAllocatedBytesForCurrentThread();
        transaction.OnAck();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(transaction.State, Is.EqualTo(TransactionState.Confirmed));
        Assert.That(allocated, Is.Zero, "cancelling G and arming I");
    }

    [Test]
    public void AServerInviteTransactionKeepsOneShotForItsThreeTimers()
    {
        var time = new FakeTimeProvider();
        var invite = Wire.Request("INVITE");
        ITransactionUser user = new Sip.Transactions.SendingUser(_ => { });
        using var warm = new ServerInviteTransaction(invite, user, reliable: false, time);

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var transaction = new ServerInviteTransaction(invite, user, reliable: false, time);
        var size = GC.GetAllocatedBytesForCurrentThread() - before;

        // Three shots of 32 bytes inline would make it 64 bytes bigger than one: G, H and I are never armed at once.
        TestContext.Out.WriteLine($"{size} B");
        Assert.That(size, Is.LessThanOrEqualTo(192));
    }

    [Test]
    public void AShotCancelledWhileTheWheelFiresItReachesItsOwnerAsStale()
    {
        var wheel = new TimerWheel(w => new ManualTicker());
        var cancelled = new Target();
        var canceller = new Target();

        // The slot fires its shots newest first: the canceller's shot, whose firing cancels the other.
        var armedAt = wheel.Schedule(TimeSpan.FromMilliseconds(50), cancelled, 1);
        wheel.Schedule(TimeSpan.FromMilliseconds(50), canceller, 0);
        canceller.OnFire = () => wheel.Cancel(cancelled, 1);
        wheel.TurnTo(1);

        Assert.Multiple(() =>
        {
            Assert.That(cancelled.Fired, Is.EqualTo(new[] { (1, armedAt) }), "the shot as armed");
            Assert.That(cancelled.Shots[1].Generation, Is.Not.EqualTo(armedAt), "its generation moved on with the cancel");
            Assert.That(wheel.Armed, Is.Zero);
        });
    }

    [Test]
    public void AShotIsReusedAndArmingItAgainMovesItAndItsGeneration()
    {
        var wheel = new TimerWheel(w => new ManualTicker());
        var target = new Target();

        var first = wheel.Schedule(TimeSpan.FromSeconds(1), target, 2);
        var second = wheel.Schedule(TimeSpan.FromMilliseconds(100), target, 2);
        var armedTwice = wheel.Armed;
        wheel.TurnTo(2);
        var third = wheel.Schedule(TimeSpan.FromMilliseconds(100), target, 2);
        wheel.TurnTo(100);

        Assert.Multiple(() =>
        {
            Assert.That(armedTwice, Is.EqualTo(1), "armed again, the shot moved rather than being linked twice");
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(third, Is.Not.EqualTo(second));
            Assert.That(target.Fired, Is.EqualTo(new[] { (2, second), (2, third) }), "fired at its new time only, then again once re-armed");
            Assert.That(wheel.Armed, Is.Zero);
        });
    }

    [Test]
    public void ShotsOfManyOwnersInOneSlotUnlinkFromAnyPlace()
    {
        var wheel = new TimerWheel(w => new ManualTicker());
        var targets = Enumerable.Range(0, 5).Select(_ => new Target()).ToArray();
        foreach (var target in targets)
        {
            wheel.Schedule(TimeSpan.FromMilliseconds(50), target, 0);
            wheel.Schedule(TimeSpan.FromMilliseconds(50), target, 2);
        }

        // The middle, the head (the last armed) and the tail (the first armed) of the slot's list.
        wheel.Cancel(targets[2], 0);
        wheel.Cancel(targets[4], 2);
        wheel.Cancel(targets[0], 0);
        wheel.TurnTo(1);

        var fired = targets.Select(t => string.Join(",", t.Fired.Select(f => f.Id))).ToArray();
        Assert.That(fired, Is.EqualTo(new[] { "2", "2,0", "2", "2,0", "0" }));
        Assert.That(wheel.Armed, Is.Zero);
    }

    private sealed class Target : ITimerTarget
    {
        public TimerShot[] Shots { get; } = new TimerShot[3];

        public List<(int Id, int Generation)> Fired { get; } = [];

        public Action? OnFire { get; set; }

        public ref TimerShot ShotOf(int id) => ref Shots[id];

        public void Fire(int id, int generation)
        {
            Fired.Add((id, generation));
            OnFire?.Invoke();
        }
    }

    private sealed class ManualTicker : WheelTicker
    {
        public override long Now(long turned) => turned;

        public override void Armed()
        {
        }

        public override void Sooner()
        {
        }

        public override void Idle()
        {
        }
    }
}
