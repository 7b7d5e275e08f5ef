using Sip.Proxy;

namespace Sip.Tests.Proxy;

/// <summary>
/// A final response over UDP (an INVITE's rejection, a non-INVITE's answer) is kept, until its transaction ends, in an
/// array leased from the pool (the rig's transport copies what it sends before the send returns). Later calls lease
/// arrays of the same size; none may be handed the array of a response still to be sent again.
/// </summary>
public sealed class PooledRejectionTests
{
    private const int LaterCalls = 50;

    [Test]
    public void ARejectionRetransmittedAfterManyLaterCallsStillCarriesItsOwnBytes()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603, "Decline"));
        var first = ProxyRig.Invite("z9hG4bKfirst");
        rig.FromCaller(first);
        var rejection = rig.ToCaller.Single().ToString();

        // Each later call is rejected and acknowledged: its transaction ends and its array goes back to the pool.
        for (var call = 0; call < LaterCalls; call++)
        {
            var later = ProxyRig.Invite($"z9hG4bKlater{call}");
            rig.FromCaller(later);
            rig.FromCaller(ProxyRig.AckFor(later, (SipResponse)rig.ToCaller.Last()));
        }

        var sentBefore = rig.ToCaller.Count();
        rig.FromCaller(first);
        rig.Advance(TimeSpan.FromSeconds(0.6));
        var again = rig.ToCaller.Skip(sentBefore).Select(m => m.ToString()).ToList();

        Assert.Multiple(() =>
        {
            // The retransmitted INVITE's answer, then timer G's.
            Assert.That(again, Has.Count.EqualTo(2));
            Assert.That(again, Has.All.EqualTo(rejection));
            Assert.That(rig.Proxy.LastTimerFault, Is.Null, "timer G wrote its rejection out without a fault");
        });
    }

    [Test]
    public void ARejectionsArrayGoesBackAtItsAckAndLaterCallsCarryTheirOwnBytes()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603, "Decline"));
        var first = ProxyRig.Invite("z9hG4bKfirst");
        rig.FromCaller(first);
        rig.FromCaller(ProxyRig.AckFor(first, (SipResponse)rig.ToCaller.Single()));

        // Each later call leases an array the acknowledged one gave back; its retransmitted INVITE gets its own.
        var mismatched = 0;
        for (var call = 0; call < LaterCalls; call++)
        {
            var later = ProxyRig.Invite($"z9hG4bKlater{call}");
            rig.FromCaller(later);
            var rejection = rig.ToCaller.Last().ToString();
            rig.FromCaller(later);
            mismatched += rig.ToCaller.Last().ToString() == rejection ? 0 : 1;
            rig.FromCaller(ProxyRig.AckFor(later, (SipResponse)rig.ToCaller.Last()));
        }

        var sentBefore = rig.ToCaller.Count();
        rig.FromCaller(first);

        Assert.Multiple(() =>
        {
            Assert.That(mismatched, Is.Zero);
            Assert.That(rig.ToCaller.Count(), Is.EqualTo(sentBefore), "the first call's INVITE after its ACK is absorbed");
            Assert.That(rig.Proxy.LastTimerFault, Is.Null);
        });
    }

    [Test]
    public void AnOptionsAnsweredAgainAfterManyLaterOnesCarriesItsOwnAnswer()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 200));
        var first = ProxyRig.InDialog(ProxyRig.Invite(), "OPTIONS", string.Empty, "z9hG4bKfirst");
        rig.FromCaller(first);
        var answer = rig.ToCaller.Single().ToString();

        for (var request = 0; request < LaterCalls; request++)
        {
            rig.FromCaller(ProxyRig.InDialog(ProxyRig.Invite(), "OPTIONS", string.Empty, $"z9hG4bKlater{request}"));
        }

        rig.FromCaller(first);

        Assert.That(rig.ToCaller.Last().ToString(), Is.EqualTo(answer));
    }

    [Test]
    public void AWireCopyHandedBackToThePoolIsNeverWrittenOutAgain()
    {
        var request = ProxyRig.Invite();
        var copy = SipMessage.PooledWireCopy(SipResponse.For(request, 603, "Decline", toTag: "t"));
        var before = copy.ToBytes();

        copy.ReturnWire();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(SipResponse.For(request, 603, "Decline", toTag: "t").ToBytes()), "a pooled copy writes out as its response");
            Assert.That(() => copy.ToBytes(), Throws.InvalidOperationException);
        });
    }
}
