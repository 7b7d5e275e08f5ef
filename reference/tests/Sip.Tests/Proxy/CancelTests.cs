namespace Sip.Tests.Proxy;

/// <summary>CANCEL through a stateful proxy: RFC 3261 §16.10 and §9.1.</summary>
public sealed class CancelTests
{
    [Test]
    public void ACancelAfterRingingIsAnswered200PassedOnWithTheBranchOfTheInviteAndThe487Relayed()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        var forwarded = rig.ForwardedInvite;
        rig.Answer(forwarded, 180);

        rig.FromCaller(ProxyRig.CancelOf(invite));
        var cancel = rig.RequestsToNextHop("CANCEL").Single();
        rig.Answer(cancel, 200);
        rig.Answer(forwarded, 487);
        var terminated = rig.ToCaller.OfType<SipResponse>().Last();
        rig.FromCaller(ProxyRig.AckFor(invite, terminated));

        Assert.Multiple(() =>
        {
            Assert.That(rig.ToCaller.OfType<SipResponse>().Select(r => $"{r.StatusCode} {r.CSeq!.Value.Method}"),
                Is.EqualTo(new[] { "100 INVITE", "180 INVITE", "200 CANCEL", "487 INVITE" }), "the callee's 200 to the CANCEL stops at the proxy");
            Assert.That(cancel.TopVia!.Branch, Is.EqualTo(forwarded.TopVia!.Branch));
            Assert.That(cancel.RequestUri, Is.EqualTo(forwarded.RequestUri));
            Assert.That(cancel.Headers.All(HeaderNames.Via).Count(), Is.EqualTo(1));
            Assert.That(rig.RequestsToNextHop("ACK").Single().TopVia!.Branch, Is.EqualTo(forwarded.TopVia.Branch), "the 487 is acknowledged hop by hop");
            Assert.That(rig.Policy.Cancels, Has.Count.EqualTo(1));
            Assert.That(rig.Policy.Relayed, Is.EqualTo(new[] { 180, 487 }));
        });
    }

    [Test]
    public void ACancelBeforeAnyProvisionalWaitsForOneBeforeGoingOn()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);

        rig.FromCaller(ProxyRig.CancelOf(invite));
        var before = rig.RequestsToNextHop("CANCEL").Count();
        rig.Answer(rig.ForwardedInvite, 100);

        Assert.That(before, Is.Zero);
        Assert.That(rig.RequestsToNextHop("CANCEL").Count(), Is.EqualTo(1));
        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 200 }));
    }

    [Test]
    public void ACalleeThatNeverAnswersTheCancelLeavesTheCallerWith487After64T1()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 180);

        rig.FromCaller(ProxyRig.CancelOf(invite));
        rig.Advance(TimeSpan.FromSeconds(32.1));

        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 180, 200, 487 }));
        Assert.That(rig.Proxy.ClientTransactions, Is.Zero);
    }

    [Test]
    public void ARetransmittedCancelIsAnsweredAgainAndNotPassedOnTwice()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 180);
        var cancel = ProxyRig.CancelOf(invite);

        rig.FromCaller(cancel);
        rig.FromCaller(cancel);

        Assert.That(rig.RequestsToNextHop("CANCEL").Count(), Is.EqualTo(1));
        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 180, 200, 200 }));
        Assert.That(rig.Policy.Cancels, Has.Count.EqualTo(1));
    }

    [Test]
    public void ACancelForNothingKnownIsForwardedStatelessly()
    {
        var rig = new ProxyRig();

        rig.FromCaller(ProxyRig.CancelOf(ProxyRig.Invite()));

        Assert.That(rig.RequestsToNextHop("CANCEL").Count(), Is.EqualTo(1));
        Assert.That(rig.StatusesToCaller, Is.Empty);
    }

    [Test]
    public void ACancelAfterTheAnswerChangesNothing()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 486);

        rig.FromCaller(ProxyRig.CancelOf(invite));

        Assert.That(rig.RequestsToNextHop("CANCEL"), Is.Empty);
        Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 486, 200 }));
    }
}
