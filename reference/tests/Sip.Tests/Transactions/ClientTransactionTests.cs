using Microsoft.Extensions.Time.Testing;
using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1 on a fake clock: timers A, B, D, E, F, K and the hop-by-hop ACK.</summary>
public sealed class ClientTransactionTests
{
    private readonly FakeTimeProvider _time = new();

    [Test]
    public void AnUnansweredInviteIsRetransmittedOnTimerAThenTimesOutOnTimerB()
    {
        var wire = new Wire(_time);
        using var transaction = new ClientInviteTransaction(Wire.Request("INVITE"), wire.Send, reliable: false, _time);
        TransactionEnd? end = null;
        transaction.Ended += (_, e) => end = e;

        transaction.Start();
        for (var i = 0; i < 64; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.That(wire.SecondsOf(m => m is SipRequest), Is.EqualTo(new[] { 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 }));
        Assert.That(end, Is.EqualTo(TransactionEnd.TimedOut));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Terminated));
    }

    [Test]
    public void OverTcpTheInviteIsSentOnce()
    {
        var wire = new Wire(_time);
        using var transaction = new ClientInviteTransaction(Wire.Request("INVITE"), wire.Send, reliable: true, _time);

        transaction.Start();
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.That(wire.Sent, Has.Count.EqualTo(1));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Calling));
    }

    [Test]
    public void AProvisionalResponseStopsRetransmissionAndTimerB()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ClientInviteTransaction(invite, wire.Send, reliable: false, _time);
        var seen = new List<int>();
        transaction.ResponseReceived += r => seen.Add(r.StatusCode);

        transaction.Start();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        transaction.OnResponse(Wire.Response(invite, 180));
        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.That(wire.Sent, Has.Count.EqualTo(2));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Proceeding));
        Assert.That(seen, Is.EqualTo(new[] { 180 }));
    }

    [Test]
    public void ANon2xxFinalResponseIsAcknowledgedHereAndItsRetransmissionsAbsorbedUntilTimerD()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ClientInviteTransaction(invite, wire.Send, reliable: false, _time);
        var seen = new List<int>();
        transaction.ResponseReceived += r => seen.Add(r.StatusCode);
        var busy = Wire.Response(invite, 486);

        transaction.Start();
        transaction.OnResponse(busy);
        transaction.OnResponse(busy);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Completed));
        _time.Advance(TimeSpan.FromSeconds(1));

        var acks = wire.Sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method == "ACK").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { 486 }), "the retransmitted 486 is absorbed");
            Assert.That(acks, Has.Count.EqualTo(2), "one ACK per 486 received");
            Assert.That(acks[0].TopVia!.Branch, Is.EqualTo(invite.TopVia!.Branch), "hop-by-hop ACK keeps the INVITE's branch");
            Assert.That(acks[0].RequestUri, Is.EqualTo(invite.RequestUri));
            Assert.That(acks[0].To!.Tag, Is.EqualTo("callee-tag"));
            Assert.That(acks[0].CSeq, Is.EqualTo(new CSeqHeader(314159, "ACK")));
            Assert.That(transaction.State, Is.EqualTo(TransactionState.Terminated));
        });
    }

    [Test]
    public void A2xxGoesToTheUserAndEndsTheTransactionWithoutAnAck()
    {
        var wire = new Wire(_time);
        var invite = Wire.Request("INVITE");
        using var transaction = new ClientInviteTransaction(invite, wire.Send, reliable: false, _time);
        var seen = new List<int>();
        transaction.ResponseReceived += r => seen.Add(r.StatusCode);

        transaction.Start();
        transaction.OnResponse(Wire.Response(invite, 200));

        Assert.That(seen, Is.EqualTo(new[] { 200 }));
        Assert.That(wire.Sent, Has.Count.EqualTo(1));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Terminated));
    }

    [Test]
    public void ANonInviteIsRetransmittedOnTimerECappedAtT2ThenTimesOutOnTimerF()
    {
        var wire = new Wire(_time);
        using var transaction = new ClientNonInviteTransaction(Wire.Request("OPTIONS"), wire.Send, reliable: false, _time);
        TransactionEnd? end = null;
        transaction.Ended += (_, e) => end = e;

        transaction.Start();
        for (var i = 0; i < 64; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.That(wire.SecondsOf(m => m is SipRequest), Is.EqualTo(new[] { 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5 }));
        Assert.That(end, Is.EqualTo(TransactionEnd.TimedOut));
    }

    [Test]
    public void ANonInviteInProceedingRetransmitsEveryT2AndLingersForTimerKAfterTheFinalResponse()
    {
        var wire = new Wire(_time);
        var request = Wire.Request("BYE");
        using var transaction = new ClientNonInviteTransaction(request, wire.Send, reliable: false, _time);

        transaction.Start();
        transaction.OnResponse(Wire.Response(request, 100));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _time.Advance(TimeSpan.FromSeconds(4));
        transaction.OnResponse(Wire.Response(request, 200));
        _time.Advance(TimeSpan.FromSeconds(4.9));
        var lingering = transaction.State;
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.That(wire.SecondsOf(m => m is SipRequest), Is.EqualTo(new[] { 0, 0.5, 4.5 }));
        Assert.That(lingering, Is.EqualTo(TransactionState.Completed));
        Assert.That(transaction.State, Is.EqualTo(TransactionState.Terminated));
    }
}
