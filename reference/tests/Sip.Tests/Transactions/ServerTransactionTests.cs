using Microsoft.Extensions.Time.Testing;
using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2 on a fake clock: 100 Trying, timers G, H, I, J, retransmissions absorbed or answered.</summary>
public sealed class ServerTransactionTests
{
    private readonly FakeTimeProvider _time = new();

    [Test]
    public void AnInviteIsAnsweredWith100TryingAndItsRetransmissionGetsTheLatestResponse()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ServerInviteTransaction(invite, wire.Send, reliable: false, _time);

        transaction.Start();
        transaction.OnRetransmission();
        transaction.Respond(Wire.Response(invite, 180));
        transaction.OnRetransmission();

        Assert.That(wire.Sent.Select(s => ((SipResponse)s.Message).StatusCode), Is.EqualTo(new[] { 100, 100, 180, 180 }));
    }

    [Test]
    public void ARejectionIsRetransmittedOnTimerGUntilTheAckThenTimerIAbsorbsAcks()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ServerInviteTransaction(invite, wire.Send, reliable: false, _time);

        transaction.Start(sendTrying: false);
        transaction.Respond(Wire.Response(invite, 603));
        for (var i = 0; i < 24; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        transaction.OnAck();
        var confirmed = transaction.State;
        _time.Advance(TimeSpan.FromSeconds(20));
        transaction.OnRetransmission();

        Assert.That(wire.SecondsOf(_ => true), Is.EqualTo(new[] { 0, 0.5, 1.5, 3.5, 7.5, 11.5 }));
        Assert.That(confirmed, Is.EqualTo(TransactionState.Confirmed));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Terminated));
    }

    [Test]
    public void ARetransmittedInviteGetsTheRejectionAgainInCompletedAndIsAbsorbedOnceConfirmed()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ServerInviteTransaction(invite, wire.Send, reliable: false, _time);

        transaction.Start(sendTrying: false);
        transaction.Respond(Wire.Response(invite, 603));
        transaction.OnRetransmission();
        var completed = wire.Sent.Count;
        transaction.OnAck();
        transaction.OnRetransmission();

        Assert.Multiple(() =>
        {
            Assert.That(completed, Is.EqualTo(2), "the rejection, and again for the retransmission (Completed)");
            Assert.That(transaction.State, Is.EqualTo(TransactionState.Confirmed));
            Assert.That(wire.Sent, Has.Count.EqualTo(2), "Confirmed absorbs the INVITE as it does the ACK");
        });
    }

    [Test]
    public void AnUnacknowledgedRejectionEndsOnTimerH()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ServerInviteTransaction(invite, wire.Send, reliable: true, _time);
        TransactionEnd? end = null;
        transaction.Ended += (_, e) => end = e;

        transaction.Start(sendTrying: false);
        transaction.Respond(Wire.Response(invite, 603));
        _time.Advance(TimeSpan.FromSeconds(31.9));
        var before = transaction.State;
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.That(wire.Sent, Has.Count.EqualTo(1), "no retransmission over a reliable transport");
        Assert.That(before, Is.EqualTo(TransactionState.Completed));
        Assert.That(end, Is.EqualTo(TransactionEnd.NoAck));
    }

    [Test]
    public void AnUnacknowledgedRejectionOverUdpIsRetransmittedOnTimerGUntilTimerHEndsIt()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ServerInviteTransaction(invite, wire.Send, reliable: false, _time);
        TransactionEnd? end = null;
        transaction.Ended += (_, e) => end = e;

        transaction.Start(sendTrying: false);
        transaction.Respond(Wire.Response(invite, 603));
        for (var i = 0; i < 63; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        var before = transaction.State;
        _time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.That(wire.SecondsOf(_ => true), Is.EqualTo(new[] { 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5 }), "G doubles to T2 and stops at H");
        Assert.That(before, Is.EqualTo(TransactionState.Completed), "still waiting for the ACK at 31.5 s");
        Assert.That(end, Is.EqualTo(TransactionEnd.NoAck), "timer H at 64·T1");
    }

    [Test]
    public void TimerGDueWithTimerHStillRetransmitsBeforeHEndsTheTransaction()
    {
        // With T2 = T1 the 64th G falls on H: the rejection goes once more, as it did when G and H were separate shots.
        var timers = new TransactionTimers { T1 = TimeSpan.FromMilliseconds(500), T2 = TimeSpan.FromMilliseconds(500) };
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ServerInviteTransaction(invite, wire.Send, reliable: false, _time, timers);
        TransactionEnd? end = null;
        transaction.Ended += (_, e) => end = e;

        transaction.Start(sendTrying: false);
        transaction.Respond(Wire.Response(invite, 603));
        for (var i = 0; i < 65; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.That(wire.Sent, Has.Count.EqualTo(65), "the answer and a retransmission every 500 ms up to 32 s");
        Assert.That(wire.SecondsOf(_ => true).Last(), Is.EqualTo(32));
        Assert.That(end, Is.EqualTo(TransactionEnd.NoAck));
    }

    [Test]
    public void A2xxEndsTheServerInviteTransaction()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ServerInviteTransaction(invite, wire.Send, reliable: false, _time);

        transaction.Start();
        transaction.Respond(Wire.Response(invite, 200));

        Assert.That(transaction.State, Is.EqualTo(TransactionState.Terminated));
    }

    [Test]
    public void ANonInviteRetransmissionIsAbsorbedWhileTryingAndAnsweredAfterTheFinalResponseUntilTimerJ()
    {
        var wire = new Wire(_time);
        var bye = Wire.Request("BYE");
        using var transaction = new ServerNonInviteTransaction(bye, wire.Send, reliable: false, _time);

        transaction.OnRetransmission();
        transaction.Respond(Wire.Response(bye, 200));
        transaction.OnRetransmission();
        _time.Advance(TimeSpan.FromSeconds(31.9));
        var lingering = transaction.State;
        _time.Advance(TimeSpan.FromSeconds(0.1));
        transaction.OnRetransmission();

        Assert.That(wire.Sent, Has.Count.EqualTo(2));
        Assert.That(lingering, Is.EqualTo(TransactionState.Completed));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Terminated));
    }
}
