using Sip.Proxy;

namespace Sip.Tests.Proxy;

/// <summary>Requests the policy answers itself go through a server transaction: RFC 3261 §17.2.1 and §17.2.2 on a fake clock.</summary>
public sealed class AnsweredHereTests
{
    [Test]
    public void ARejectedInviteIsRetransmittedOnTimerGItsAckAbsorbedAndItsStateGoneAfterTimerI()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603, "Network Blocked"));
        var invite = ProxyRig.Invite();

        rig.FromCaller(invite);
        rig.FromCaller(invite);
        rig.Advance(TimeSpan.FromSeconds(1.6));
        var rejection = (SipResponse)rig.ToCaller.First();
        rig.FromCaller(ProxyRig.AckFor(invite, rejection));
        rig.FromCaller(ProxyRig.AckFor(invite, rejection));
        var afterAck = (rig.Proxy.ServerTransactions, rig.Proxy.ConfirmedInvites);
        rig.Advance(TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            // The answer, the answer again for the retransmitted INVITE, then timer G at 0.5 s and 1.5 s; no 100 Trying.
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 603, 603, 603, 603 }));
            Assert.That(rig.ToNextHop, Is.Empty, "neither the INVITE nor its ACKs go on");
            Assert.That(afterAck, Is.EqualTo((0, 1)), "the transaction ends at the ACK; its key is remembered for timer I to absorb retransmitted ACKs");
            Assert.That(rig.Proxy.ServerTransactions + rig.Proxy.ConfirmedInvites, Is.Zero);
            Assert.That(rig.Policy.Answered, Is.EqualTo(1));
        });
    }

    [Test]
    public void AnInviteRetransmittedBeforeItsAckGetsTheSameAnswerByteForByte()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603));
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        var rejection = rig.ToCaller.First().ToString();

        rig.FromCaller(invite);

        Assert.Multiple(() =>
        {
            // §17.2.1 Completed: the final response again (INT-SIG-002).
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 603, 603 }));
            Assert.That(rig.ToCaller.Last().ToString(), Is.EqualTo(rejection));
            Assert.That(rig.Policy.Answered, Is.EqualTo(1), "the retransmission is not screened again");
        });
    }

    [Test]
    public void AnInviteRetransmittedAfterItsAckIsAbsorbedUntilTimerI()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603));
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.FromCaller(ProxyRig.AckFor(invite, (SipResponse)rig.ToCaller.First()));

        rig.FromCaller(invite);
        var afterAck = (Sent: rig.ToCaller.Count(), rig.Policy.Answered, rig.Proxy.ServerTransactions);
        rig.Advance(TimeSpan.FromSeconds(6));
        rig.FromCaller(invite);

        Assert.Multiple(() =>
        {
            // Confirmed: the ACK said the caller has the rejection; its INVITE again is neither answered nor screened
            // and forwarded as a new call, and makes no transaction.
            Assert.That(afterAck, Is.EqualTo((1, 1, 0)));
            Assert.That(rig.ToNextHop, Is.Empty);
            Assert.That(rig.Policy.Answered, Is.EqualTo(2), "once timer I forgot the call, the same INVITE is a new one");
        });
    }

    [Test]
    public void AnUnacknowledgedRejectionEndsOnTimerH()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603));

        rig.FromCaller(ProxyRig.Invite());
        rig.Advance(TimeSpan.FromSeconds(31.9));
        var before = rig.Proxy.ServerTransactions;
        rig.Advance(TimeSpan.FromSeconds(0.2));

        Assert.That(before, Is.EqualTo(1));
        Assert.That(rig.Proxy.ServerTransactions, Is.Zero);
    }

    [Test]
    public void AnOptionsAnsweredHereIsRememberedForTimerJ()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 200));
        var options = ProxyRig.InDialog(ProxyRig.Invite(), "OPTIONS", string.Empty, "z9hG4bKoptions1");

        rig.FromCaller(options);
        rig.FromCaller(options);
        var transactions = rig.Proxy.ServerTransactions;
        rig.Advance(TimeSpan.FromSeconds(31.9));
        rig.FromCaller(options);
        var before = rig.Proxy.AnsweredRequests;
        rig.Advance(TimeSpan.FromSeconds(0.2));
        var after = rig.Proxy.AnsweredRequests;
        rig.FromCaller(options);

        Assert.Multiple(() =>
        {
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 200, 200, 200, 200 }));
            Assert.That(transactions, Is.Zero, "the transaction ended once answered; the proxy remembers the answer");
            Assert.That(before, Is.EqualTo(1));
            Assert.That(after, Is.Zero, "timer J (64·T1) forgets it");
            Assert.That(rig.Policy.Answered, Is.EqualTo(2), "retransmissions within timer J get the remembered answer; after it, the request is new");
        });
    }

    [Test]
    public void MaxForwardsZeroIsAnswered483AndNotForwarded()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        invite.Headers.Set(HeaderNames.MaxForwards, "0");

        rig.FromCaller(invite);

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 483 }));
        Assert.That(rig.ToNextHop, Is.Empty);
        Assert.That(rig.Proxy.Counters.TooManyHops, Is.EqualTo(1));
    }
}
