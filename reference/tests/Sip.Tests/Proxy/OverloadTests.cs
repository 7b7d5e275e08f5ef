namespace Sip.Tests.Proxy;

/// <summary>Load shedding: past the bound on server transactions new INVITEs get 503 with Retry-After, at once and without state.</summary>
public sealed class OverloadTests
{
    [Test]
    public void AnInvitePastTheBoundIsAnswered503WithRetryAfterAndItsAckAbsorbed()
    {
        var rig = new ProxyRig(o => o with { MaxServerTransactions = 1, RetryAfter = TimeSpan.FromSeconds(7) });
        rig.FromCaller(ProxyRig.Invite("z9hG4bKfirst"));
        var second = ProxyRig.Invite("z9hG4bKsecond");
        second.Headers.Set(HeaderNames.CallId, "second@example.com");

        rig.FromCaller(second);
        var shed = rig.ToCaller.OfType<SipResponse>().Single(r => r.CallId == "second@example.com");
        rig.FromCaller(ProxyRig.AckFor(second, shed));

        Assert.Multiple(() =>
        {
            Assert.That(shed.StatusCode, Is.EqualTo(503));
            Assert.That(shed.Headers[HeaderNames.RetryAfter], Is.EqualTo("7"));
            Assert.That(rig.RequestsToNextHop("INVITE").Count(), Is.EqualTo(1));
            Assert.That(rig.RequestsToNextHop("ACK"), Is.Empty, "the ACK of a shed INVITE stops here");
            Assert.That(rig.Proxy.Counters.Shed, Is.EqualTo(1));
            Assert.That(rig.Proxy.ServerTransactions, Is.EqualTo(1));
        });
    }

    [Test]
    public void RequestsOtherThanInviteAreStillServedAtTheBound()
    {
        var rig = new ProxyRig(o => o with { MaxServerTransactions = 1 });
        rig.FromCaller(ProxyRig.Invite("z9hG4bKfirst"));

        rig.FromCaller(ProxyRig.InDialog(ProxyRig.Invite(), "BYE", "t", "z9hG4bKbye"));

        Assert.That(rig.RequestsToNextHop("BYE").Count(), Is.EqualTo(1), "ending calls frees the node, so it is never shed");
    }

    [Test]
    public void AnInviteThePolicyMarksNeverShedIsForwardedPastTheBound()
    {
        var rig = new ProxyRig(o => o with { MaxServerTransactions = 1 });
        rig.Policy.NeverShed = invite => invite.CallId == "emergency@example.com";
        rig.FromCaller(ProxyRig.Invite("z9hG4bKfirst"));
        var emergency = ProxyRig.Invite("z9hG4bKemergency");
        emergency.Headers.Set(HeaderNames.CallId, "emergency@example.com");
        var other = ProxyRig.Invite("z9hG4bKother");
        other.Headers.Set(HeaderNames.CallId, "other@example.com");

        rig.FromCaller(emergency);
        rig.FromCaller(other);

        Assert.Multiple(() =>
        {
            Assert.That(rig.RequestsToNextHop("INVITE").Select(r => r.CallId), Does.Contain("emergency@example.com"));
            Assert.That(rig.ToCaller.OfType<SipResponse>().Any(r => r.CallId == "emergency@example.com" && r.StatusCode == 503), Is.False);
            Assert.That(rig.ToCaller.OfType<SipResponse>().Single(r => r.CallId == "other@example.com").StatusCode, Is.EqualTo(503), "the bound still holds for the rest");
            Assert.That(rig.Proxy.Counters.Shed, Is.EqualTo(1));
        });
    }
}
