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
}

