using System.Text;

namespace Sip.Tests;

public sealed class SipResponseTests
{
    [Test]
    public void AResponseCopiesTheDialogHeadersAndTagsTheCallee()
    {
        var invite = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;

        var response = SipResponse.For(invite, 603, "Network Blocked");

        Assert.Multiple(() =>
        {
            Assert.That(response.ToString(), Does.StartWith("SIP/2.0 603 Network Blocked\r\n"));
            Assert.That(response.Headers.All(HeaderNames.Via), Is.EqualTo(invite.Headers.All(HeaderNames.Via)));
            Assert.That(response.CallId, Is.EqualTo(invite.CallId));
            Assert.That(response.CSeq, Is.EqualTo(invite.CSeq));
            Assert.That(response.To!.Tag, Is.Not.Null.And.Not.Empty);
            Assert.That(response.From!.Tag, Is.EqualTo("1928301774"));
        });
    }

    [Test]
    public void ANewToTagIsTwelveLowerCaseHexDigitsOfItsOwnAndTheWholeToFollowsIt()
    {
        var invite = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;

        var first = SipResponse.For(invite, 603, "Network Blocked");
        var second = SipResponse.For(invite, 603, "Network Blocked");

        Assert.Multiple(() =>
        {
            Assert.That(first.To!.Tag, Does.Match("^[0-9a-f]{12}$"));
            Assert.That(second.To!.Tag, Is.Not.EqualTo(first.To!.Tag));
            Assert.That(first.Headers[HeaderNames.To], Is.EqualTo(invite.Headers[HeaderNames.To] + ";tag=" + first.To!.Tag));
            Assert.That(first.CallId, Is.EqualTo(invite.CallId), "the field after To starts where the tag ends");
        });
    }

    [Test]
    public void ATryingResponseCarriesNoToTag()
    {
        var invite = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;

        Assert.That(SipResponse.For(invite, 100).To!.Tag, Is.Null);
    }

    [Test]
    public void AnInDialogRequestsToKeepsItsOneTag()
    {
        var invite = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;
        var to = invite.Headers[HeaderNames.To]!;
        invite.Headers.Set(HeaderNames.To, to + ";tag=callee1");

        var response = SipResponse.For(invite, 481);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers[HeaderNames.To], Is.EqualTo(to + ";tag=callee1"));
            Assert.That(response.To!.Tag, Is.EqualTo("callee1"));
        });
    }

    [Test]
    public void AWrittenResponseIsByteForByteTheBuiltOneWithItsFieldsAdded()
    {
        var invite = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;

        // A To tag given by the caller is copied as it is, so both carry the same bytes.
        invite.Headers.Set(HeaderNames.To, invite.Headers[HeaderNames.To] + ";tag=callee1");
        var built = SipResponse.For(invite, 603, "Network Blocked");
        built.Headers.Add(HeaderNames.Reason, "SIP;cause=603");
        built.Headers.Add(HeaderNames.Warning, "399 screening \"rule\"");

        var written = SipResponse.WrittenFor(invite, 603, "Network Blocked", "Reason: SIP;cause=603\r\nWarning: 399 screening \"rule\"\r\n"u8);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.Not.Null);
            Assert.That(written!.ToBytes(), Is.EqualTo(built.ToBytes()));
            Assert.That(written.StatusCode, Is.EqualTo(603));
            Assert.That(written.ReasonPhrase, Is.EqualTo("Network Blocked"));
        });
    }

    [Test]
    public void AWrittenResponseTagsTheCalleeAndReadsBackAsTheResponseFor()
    {
        var invite = (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;

        var written = SipResponse.WrittenFor(invite, 603, "Network Blocked", "Reason: SIP;cause=603\r\n"u8)!;
        var read = (SipResponse)new SipParser().Parse(written.ToBytes(), datagram: true).Message!;

        Assert.Multiple(() =>
        {
            Assert.That(read.StatusCode, Is.EqualTo(603));
            Assert.That(read.ReasonPhrase, Is.EqualTo("Network Blocked"));
            Assert.That(read.Headers.All(HeaderNames.Via), Is.EqualTo(invite.Headers.All(HeaderNames.Via)));
            Assert.That(read.Headers[HeaderNames.From], Is.EqualTo(invite.Headers[HeaderNames.From]));
            Assert.That(read.To!.Tag, Does.Match("^[0-9a-f]{12}$"));
            Assert.That(read.Headers[HeaderNames.To], Is.EqualTo(invite.Headers[HeaderNames.To] + ";tag=" + read.To!.Tag));
            Assert.That(read.CallId, Is.EqualTo(invite.CallId));
            Assert.That(read.CSeq, Is.EqualTo(invite.CSeq));
            Assert.That(read.Headers[HeaderNames.Reason], Is.EqualTo("SIP;cause=603"));
            Assert.That(read.Body.Length, Is.EqualTo(0));
        });
    }

    [Test]
    public void AWrittenRejectionGoesOutTheSameEveryTimeItsTransactionSendsIt()
    {
        var rig = new Proxy.ProxyRig();
        rig.Policy.Decide = r => Sip.Proxy.ProxyDecision.Answer(SipResponse.WrittenFor(r, 603, "Decline", "Reason: SIP;cause=603\r\n"u8)!);
        var invite = Proxy.ProxyRig.Invite("z9hG4bKwritten");
        rig.FromCaller(invite);
        var first = (SipResponse)rig.ToCaller.Single();

        // Timer G and the retransmitted INVITE before the ACK; after it (Confirmed) the INVITE again is absorbed.
        rig.Advance(TimeSpan.FromSeconds(0.6));
        rig.FromCaller(Proxy.ProxyRig.Invite("z9hG4bKwritten"));
        rig.FromCaller(Proxy.ProxyRig.AckFor(invite, first));
        rig.FromCaller(Proxy.ProxyRig.Invite("z9hG4bKwritten"));
        var sent = rig.ToCaller.Select(m => m.ToString()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first.Headers[HeaderNames.Reason], Is.EqualTo("SIP;cause=603"));
            Assert.That(sent, Has.Count.EqualTo(3));
            Assert.That(sent, Has.All.EqualTo(first.ToString()));
            Assert.That(rig.RequestsToNextHop("ACK"), Is.Empty, "the ACK of the rejection is absorbed");
        });
    }
}
