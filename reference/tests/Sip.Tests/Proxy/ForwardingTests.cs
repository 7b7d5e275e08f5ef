namespace Sip.Tests.Proxy;

/// <summary>Forwarding on client transactions (RFC 3261 §16.6, §16.7, §17.1) on a fake clock.</summary>
public sealed class ForwardingTests
{
    [Test]
    public void AForwardedInviteGets100TryingAndGoesOnWithItsViaPushedAndOneHopLess()
    {
        var rig = new ProxyRig();

        rig.FromCaller(ProxyRig.Invite());
        var forwarded = rig.ForwardedInvite;

        Assert.Multiple(() =>
        {
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100 }));
            Assert.That(forwarded.Headers[HeaderNames.MaxForwards], Is.EqualTo("69"));
            Assert.That(forwarded.TopVia!.Host + ":" + forwarded.TopVia.Port, Is.EqualTo("127.0.0.1:5064"));
            Assert.That(forwarded.TopVia.Branch, Does.StartWith("z9hG4bK").And.Not.EqualTo("z9hG4bK776asdhds"));
            Assert.That(forwarded.Headers.All(HeaderNames.Via).Count(), Is.EqualTo(2));
            Assert.That(forwarded.Headers.Contains(HeaderNames.RecordRoute), Is.False, "record-routing is off by default");
            Assert.That(rig.Policy.Forwarded, Is.EqualTo(1));
        });
    }

    [Test]
    public void RingingAndTheAnswerAreRelayedUpstreamWithoutTheProxysViaAndTheStateIsGone()
    {
        var rig = new ProxyRig();
        rig.FromCaller(ProxyRig.Invite());
        var forwarded = rig.ForwardedInvite;

        rig.Answer(forwarded, 100);
        rig.Answer(forwarded, 180);
        rig.Answer(forwarded, 200);
        var relayed = rig.ToCaller.OfType<SipResponse>().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(relayed.Select(r => r.StatusCode), Is.EqualTo(new[] { 100, 180, 200 }), "the callee's 100 is not relayed; the proxy sent its own");
            Assert.That(relayed[2].Headers.All(HeaderNames.Via).Count(), Is.EqualTo(1));
            Assert.That(relayed[2].TopVia!.Branch, Is.EqualTo("z9hG4bK776asdhds"));
            Assert.That(rig.Policy.Relayed, Is.EqualTo(new[] { 180, 200 }));
            Assert.That(rig.Proxy.ServerTransactions + rig.Proxy.ClientTransactions, Is.Zero);
        });
    }

    [Test]
    public void AnUnansweredInviteIsRetransmittedOnTimerAAndAnswered408OnTimerB()
    {
        var rig = new ProxyRig();
        rig.FromCaller(ProxyRig.Invite());

        rig.Advance(TimeSpan.FromSeconds(31.9));
        var beforeTimerB = rig.StatusesToCaller.ToList();
        rig.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Multiple(() =>
        {
            // Timer A: 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
            Assert.That(rig.RequestsToNextHop("INVITE").Count(), Is.EqualTo(7));
            Assert.That(beforeTimerB, Is.EqualTo(new[] { 100 }));
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 408 }));
            Assert.That(rig.Proxy.Counters.TimedOut, Is.EqualTo(1));
            Assert.That(rig.Proxy.ClientTransactions, Is.Zero);
        });
    }

    [Test]
    public void ARejectionIsAcknowledgedHopByHopAndRelayedAndTheCallersAckIsAbsorbed()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        var forwarded = rig.ForwardedInvite;

        rig.Answer(forwarded, 486);
        rig.Answer(forwarded, 486);
        var busy = rig.ToCaller.OfType<SipResponse>().Last();
        rig.FromCaller(ProxyRig.AckFor(invite, busy));
        var acks = rig.RequestsToNextHop("ACK").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 486 }), "the callee's retransmitted 486 is absorbed by the client transaction");
            Assert.That(acks, Has.Count.EqualTo(2), "the proxy's own ACK, again for the retransmitted 486; the caller's ACK stops here");
            Assert.That(acks[0].TopVia!.Branch, Is.EqualTo(forwarded.TopVia!.Branch));
            Assert.That(acks[0].Headers[HeaderNames.To], Does.Contain("tag=callee-tag"));
            Assert.That(acks[1].ToString(), Is.EqualTo(acks[0].ToString()), "the same ACK, byte for byte");
        });
    }

    [Test]
    public void ARejectedInviteForwardedOverUdpLingersOnlyAsItsKeyAndAckForTimerD()
    {
        var rig = new ProxyRig();
        rig.FromCaller(ProxyRig.Invite());
        var forwarded = rig.ForwardedInvite;
        rig.Answer(forwarded, 486);
        var atRejection = (rig.Proxy.ClientTransactions, rig.Proxy.RejectedInvites);

        rig.Advance(TimeSpan.FromSeconds(33));
        rig.Answer(forwarded, 486);

        Assert.Multiple(() =>
        {
            Assert.That(atRejection, Is.EqualTo((0, 1)), "the client transaction ends at once; its key and ACK stay for timer D");
            Assert.That(rig.Proxy.RejectedInvites, Is.Zero, "timer D (32 s) is over");
            Assert.That(rig.RequestsToNextHop("ACK").Count(), Is.EqualTo(1), "a rejection after timer D is not acknowledged again");
        });
    }

    [Test]
    public void TheAckForA2xxIsForwardedEndToEnd()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 200);

        rig.FromCaller(ProxyRig.InDialog(invite, "ACK", "callee-tag", "z9hG4bKack2xx"));
        var ack = rig.RequestsToNextHop("ACK").Single();

        Assert.That(ack.Headers.All(HeaderNames.Via).Count(), Is.EqualTo(2));
        Assert.That(ack.Headers[HeaderNames.MaxForwards], Is.EqualTo("69"));
    }

    [Test]
    public void AnAckForwardedWithoutStateGetsTheSameBranchEachTimeAndAnotherAckAnother()
    {
        // §16.11: a stateless proxy's branch is a function of the request, so a retransmitted ACK is the same
        // transaction downstream; a Call-ID too long for the stack buffer takes the rented path to the same rule.
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 200);

        rig.FromCaller(ProxyRig.InDialog(invite, "ACK", "callee-tag", "z9hG4bKack2xx"));
        rig.FromCaller(ProxyRig.InDialog(invite, "ACK", "callee-tag", "z9hG4bKack2xx"));
        rig.FromCaller(ProxyRig.InDialog(invite, "ACK", "callee-tag", "z9hG4bKack2xy"));
        var longCallId = ProxyRig.InDialog(invite, "ACK", "callee-tag", "z9hG4bKack2xx");
        longCallId.Headers.Set(HeaderNames.CallId, new string('c', 900) + "@example.com");
        rig.FromCaller(longCallId);
        rig.FromCaller(longCallId);
        var branches = rig.RequestsToNextHop("ACK").Select(a => a.TopVia!.Branch!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(branches, Has.Count.EqualTo(5));
            Assert.That(branches, Has.All.StartWith("z9hG4bK"));
            Assert.That(branches[1], Is.EqualTo(branches[0]), "a retransmission");
            Assert.That(branches[2], Is.Not.EqualTo(branches[0]), "another ACK");
            Assert.That(branches[4], Is.EqualTo(branches[3]), "a retransmission with a long Call-ID");
            Assert.That(branches[3], Is.Not.EqualTo(branches[0]), "the long Call-ID is part of the seed");
        });
    }

    [Test]
    public void AByeIsForwardedOnANonInviteTransactionAndAnswered408OnTimerF()
    {
        var rig = new ProxyRig();
        var bye = ProxyRig.InDialog(ProxyRig.Invite(), "BYE", "callee-tag", "z9hG4bKbye1");

        rig.FromCaller(bye);
        rig.FromCaller(bye);
        rig.Advance(TimeSpan.FromSeconds(32.1));

        Assert.Multiple(() =>
        {
            // Timer E: 0, 0.5, 1.5, 3.5, then every T2 (4 s) up to timer F at 32 s; the caller's retransmission is absorbed.
            Assert.That(rig.RequestsToNextHop("BYE").Count(), Is.EqualTo(11));
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 408 }));
        });
    }

    [Test]
    public void AByeAnsweredDownstreamIsRelayedAndItsRetransmissionAnsweredAgainUntilTimerJ()
    {
        var rig = new ProxyRig();
        var bye = ProxyRig.InDialog(ProxyRig.Invite(), "BYE", "callee-tag", "z9hG4bKbye2");
        rig.FromCaller(bye);
        rig.Answer(rig.RequestsToNextHop("BYE").Single(), 200);

        rig.FromCaller(bye);
        rig.Advance(TimeSpan.FromSeconds(32.1));

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 200, 200 }));
        Assert.That(rig.RequestsToNextHop("BYE").Count(), Is.EqualTo(1));
        Assert.That(rig.Proxy.ServerTransactions + rig.Proxy.ClientTransactions, Is.Zero);
    }

    [Test]
    public async Task ANextHopTheTransportCannotReachIsAnswered503()
    {
        var rig = new ProxyRig(nextHopOverTcp: true);
        rig.Tcp.Refuses = true;

        rig.FromCaller(ProxyRig.Invite());
        for (var i = 0; i < 100 && !rig.StatusesToCaller.Contains(503); i++)
        {
            await Task.Delay(20);
        }

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 503 }));
        Assert.That(rig.Proxy.Counters.NextHopFailures, Is.EqualTo(1));
    }

    [Test]
    public void A503FromDownstreamGoesUpstreamAs500()
    {
        var rig = new ProxyRig();
        rig.FromCaller(ProxyRig.Invite());

        rig.Answer(rig.ForwardedInvite, 503);

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 500 }));
    }

    [Test]
    public void ACalleeThatRingsPastTimerCIsCancelledAndTheCallerGets408()
    {
        var rig = new ProxyRig();
        rig.FromCaller(ProxyRig.Invite());
        rig.Answer(rig.ForwardedInvite, 180);

        rig.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(0.1));
        var cancels = rig.RequestsToNextHop("CANCEL").Count();
        rig.Advance(TimeSpan.FromSeconds(32.1));

        Assert.That(cancels, Is.EqualTo(1));
        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 180, 408 }));
    }

    [Test]
    public void AfterTheAnswerAnInviteRetransmissionIsAbsorbedUntilTimerLAndTheCalleesRetransmitted2xxStillGoesUpstream()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        var forwarded = rig.ForwardedInvite;
        rig.Answer(forwarded, 200);

        rig.FromCaller(invite);
        rig.Answer(forwarded, 200);
        var remembered = rig.Proxy.AcceptedInvites;
        rig.Advance(TimeSpan.FromSeconds(33));

        Assert.Multiple(() =>
        {
            Assert.That(rig.RequestsToNextHop("INVITE").Count(), Is.EqualTo(1), "RFC 6026 §8.5: the INVITE retransmitted after the 2xx is absorbed, not screened and forwarded again");
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 200, 200 }), "the callee's retransmitted 2xx is relayed (§16.7), the retransmitted INVITE gets nothing");
            Assert.That(rig.Policy.Forwarded, Is.EqualTo(1));
            Assert.That(remembered, Is.EqualTo(1));
            Assert.That(rig.Proxy.AcceptedInvites, Is.Zero, "timer L (64·T1) forgets it");
        });
    }

    [Test]
    public void AnAckForThe2xxThatReusesTheInvitesBranchIsForwardedNotAbsorbed()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 200);
        var toTag = ((SipResponse)rig.ToCaller.Last()).To!.Tag!;

        rig.FromCaller(ProxyRig.InDialog(invite, "ACK", toTag, "z9hG4bK776asdhds"));

        Assert.That(rig.RequestsToNextHop("ACK").Count(), Is.EqualTo(1), "an ACK matching an answered INVITE acknowledges its 2xx, end to end");
    }
}
