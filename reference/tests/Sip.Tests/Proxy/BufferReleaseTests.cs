using Sip.Proxy;
using Sip.Tests.Transactions;

namespace Sip.Tests.Proxy;

/// <summary>
/// Every received message's pooled buffer goes back as soon as no transaction may send it again, and not before: a
/// transaction that still retransmits reads its messages' raw header values, and reading a released message throws.
/// A transaction lingering for timer I or J keeps no received message (for J, only the wire bytes of the response it
/// answers retransmissions with), so a proxy's thousands of lingering transactions are small.
/// </summary>
public sealed class BufferReleaseTests
{
    [Test]
    public void AnInterceptedInvitesBufferIsKeptUntilItsAckAndTheLingeringTransactionHoldsNothing()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 603, "Network Blocked"));
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        var rejection = (SipResponse)rig.ToCaller.First();

        rig.FromCaller(invite);
        var beforeAck = rig.Unreturned.ToList();
        rig.FromCaller(ProxyRig.AckFor(invite, rejection));
        var afterAck = rig.Unreturned.ToList();
        var lingering = rig.Proxy.ConfirmedInvites;
        rig.Advance(TimeSpan.FromSeconds(6));

        Assert.Multiple(() =>
        {
            Assert.That(beforeAck, Is.EqualTo(new[] { "INVITE" }), "the retransmission goes back at once; the INVITE stays with its transaction until the ACK");
            Assert.That(afterAck, Is.Empty, "timer I only absorbs: it needs no message");
            Assert.That(lingering, Is.EqualTo(1));
            Assert.That(rig.Proxy.ServerTransactions + rig.Proxy.ConfirmedInvites, Is.Zero);
        });
    }

    [Test]
    public void AForwardedCallsMessagesAreAllReturnedOnceTheirTransactionsEnd()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        var forwarded = rig.ForwardedInvite;
        rig.Answer(forwarded, 100);
        rig.Answer(forwarded, 180);
        var ringing = rig.Unreturned.ToList();
        rig.Answer(forwarded, 200);
        var answered = rig.Unreturned.ToList();
        var ok = (SipResponse)rig.ToCaller.Last();
        var toTag = ok.To!.Tag!;
        rig.FromCaller(ProxyRig.InDialog(invite, "ACK", toTag, "z9hG4bK-ack"));
        rig.FromCaller(ProxyRig.InDialog(invite, "BYE", toTag, "z9hG4bK-bye"));
        rig.Answer(rig.RequestsToNextHop("BYE").Single(), 200);
        var hungUp = rig.Unreturned.ToList();
        rig.Advance(TimeSpan.FromSeconds(40));

        Assert.Multiple(() =>
        {
            Assert.That(rig.StatusesToCaller, Is.EqualTo(new[] { 100, 180, 200, 200 }));
            Assert.That(ringing, Is.EqualTo(new[] { "INVITE", "180 INVITE" }), "the 100 is not relayed and goes back at once; the 180 stays with the server transaction");
            Assert.That(answered, Is.Empty, "the 2xx ends both INVITE transactions");
            Assert.That(hungUp, Is.Empty, "both BYE transactions end once answered: the proxy keeps their keys for timers J and K, and a wire copy of the 200");
            Assert.That(rig.Unreturned, Is.Empty);
        });
    }

    [Test]
    public void ARelayedRejectionIsRetransmittedUntilTheAckAndNothingIsHeldAfterIt()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        rig.FromCaller(invite);
        rig.Answer(rig.ForwardedInvite, 486);
        var first = rig.ToCaller.OfType<SipResponse>().Last().ToString();

        rig.Advance(TimeSpan.FromSeconds(1.6));
        var retransmitted = rig.ToCaller.OfType<SipResponse>().Where(r => r.StatusCode == 486).Select(r => r.ToString()).ToList();
        var rejection = (SipResponse)rig.ToCaller.Last();
        var beforeAck = rig.Unreturned.ToList();
        rig.FromCaller(ProxyRig.AckFor(invite, rejection));
        var acknowledged = rig.Unreturned.ToList();

        Assert.Multiple(() =>
        {
            Assert.That(retransmitted, Has.Count.EqualTo(3).And.All.EqualTo(first), "timer G sends the 486 byte for byte");
            Assert.That(beforeAck, Is.EqualTo(new[] { "INVITE", "486 INVITE" }), "the server transaction may still need the request and the relayed rejection");
            Assert.That(acknowledged, Is.Empty, "the ACK settles the server transaction; the client transaction handed timer D to a lean table at the rejection and let go of the forwarded copy");
            Assert.That(rig.Proxy.ClientTransactions, Is.Zero);
            Assert.That(rig.Proxy.RejectedInvites, Is.EqualTo(1));
        });
    }

    [Test]
    public void ANonInviteTransactionLingeringForTimerJHoldsNoReceivedMessageAndAnswersFromItsWireCopyByteForByte()
    {
        var rig = new ProxyRig();
        var invite = ProxyRig.Invite();
        var bye = ProxyRig.InDialog(invite, "BYE", "callee-tag", "z9hG4bK-bye");
        rig.FromCaller(bye);
        var forwarded = rig.RequestsToNextHop("BYE").Single();
        rig.Answer(forwarded, 200);
        var answered = rig.ToCaller.Last().ToString();
        rig.Answer(forwarded, 200);
        var relayed = rig.StatusesToCaller.Count();
        rig.Advance(TimeSpan.FromSeconds(6));
        var afterTimerK = rig.Unreturned.ToList();
        var lingering = rig.Proxy.AnsweredRequests;
        rig.FromCaller(bye);
        var repeated = rig.ToCaller.Last().ToString();
        rig.Advance(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(afterTimerK, Is.Empty, "the BYE went back with its client transaction, the 200 when the server transaction settled");
            Assert.That(lingering, Is.EqualTo(1));
            Assert.That(relayed, Is.EqualTo(1), "the callee's retransmitted 200 is absorbed (timer K), not relayed");
            Assert.That(repeated, Is.EqualTo(answered), "the retransmitted BYE is answered with the same bytes");
            Assert.That(rig.Proxy.AnsweredRequests + rig.Proxy.ServerTransactions, Is.Zero);
        });
    }

    [Test]
    public void ThePolicyReadsTheWholeRequestItAnsweredEvenWhenItsTransactionSettledOnTheAnswer()
    {
        var rig = new ProxyRig();
        rig.Policy.Decide = r => ProxyDecision.Answer(SipResponse.For(r, 200));
        var options = Wire.Request("OPTIONS", "z9hG4bK-options");

        rig.FromCaller(options);

        Assert.Multiple(() =>
        {
            Assert.That(rig.Policy.AnsweredRequests, Has.One.StartsWith("OPTIONS ").And.Contains(options.CallId));
            Assert.That(rig.Unreturned, Is.Empty, "the OPTIONS goes back once the policy heard of it");
        });
    }

    [Test]
    public void AMessageReadAfterItsReleaseSaysWhatWentWrong()
    {
        var invite = ProxyRig.Invite();
        invite.Release();

        Assert.That(() => invite.Headers[HeaderNames.Subject] ?? invite.Headers[HeaderNames.ContentType],
            Throws.InvalidOperationException.With.Message.Contains("released message"));
    }
}
