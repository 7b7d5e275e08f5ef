using Sip.Proxy;

namespace Sip.Tests.Proxy;

/// <summary>
/// ACKs whose transport left their Via for the proxy to stamp (<see cref="Sip.Transport.InboundMessage.ViaStamped"/>):
/// the one the proxy passes on carries <c>received</c>/<c>rport</c> as §18.2.1 asks; the one a transaction absorbs is
/// matched and absorbed without it.
/// </summary>
public sealed class AckStampingTests
{
    [Test]
    public void AnAckForA2xxIsStampedAsItIsForwarded()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 200);

        rig.FromCallerUnstamped(ProxyRig.InDialog(invite, "ACK", "callee-tag", "z9hG4bKack2xx"));
        var ack = rig.RequestsToNextHop("ACK").Single();

        Assert.That(ack.Headers.All(HeaderNames.Via).ElementAt(1), Is.EqualTo("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bKack2xx;rport=40000;received=127.0.0.1"),
            "the caller's Via, second after the proxy's, stamped with where the ACK came from");
    }

    [Test]
    public void TheAckOfARejectionIsAbsorbedUnstamped()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603, "Network Blocked"));
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        var rejection = (SipResponse)rig.ToCaller.Single();

        rig.FromCallerUnstamped(ProxyRig.AckFor(invite, rejection));
        rig.Advance(TimeSpan.FromSeconds(2));

        Assert.Multiple(() =>
        {
            Assert.That(rig.ToNextHop, Is.Empty, "the ACK goes no further");
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 603 }), "the ACK ended timer G: no retransmission of the 603");
            Assert.That(rig.Proxy.ServerTransactions, Is.Zero);
        });
    }
}
