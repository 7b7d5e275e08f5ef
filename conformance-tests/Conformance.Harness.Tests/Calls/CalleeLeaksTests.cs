using System.Net;
using System.Text;
using Conformance.Harness.Calls;
using Sip;

namespace Conformance.Harness.Tests.Calls;

/// <summary>"Never forwarded" fails a system that forwards under a new Call-ID or relays what it should drop, and passes one that forwards nothing.</summary>
public sealed class CalleeLeaksTests
{
    private static readonly IPEndPoint Sut = new(IPAddress.Loopback, 5064);
    private static readonly CallIdentifiers Call = new("13912345678", "abc123@conformance", "tag777");

    [Test]
    public void An_invite_for_the_callee_under_a_new_call_id_is_a_leak()
    {
        var forwarded = Arrival(1, Invite("13912345678", "renamed-by-sut@b2bua", "othertag"));

        var leaks = CalleeLeaks.Of([forwarded], Call, new HashSet<string>());

        Assert.That(leaks, Has.Count.EqualTo(1));
        Assert.That(leaks[0], Does.Contain("INVITE for 13912345678").And.Contain("renamed-by-sut@b2bua"));
    }

    [Test]
    public void An_invite_naming_the_callee_in_international_form_in_to_only_is_a_leak()
    {
        var invite = Invite("13900000000", "x@y", "t");
        invite.Headers.Set(HeaderNames.To, "<sip:+8613912345678@example.net;user=phone>");

        Assert.That(CalleeLeaks.Of([Arrival(1, invite)], Call with { CallId = null, FromTag = null }, new HashSet<string>()), Is.Not.Empty);
    }

    [Test]
    public void Unparsed_bytes_carrying_the_call_id_or_the_callee_number_are_leaks()
    {
        var withCallId = Raw(1, "garbage abc123@conformance garbage");
        var withNumber = Raw(2, "\x01\x02 13912345678 \x03");
        var withTag = Raw(3, "From: <sip:x@y>;tag=tag777");

        var leaks = CalleeLeaks.Of([withCallId, withNumber, withTag], Call, new HashSet<string>());

        Assert.That(leaks, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_late_request_of_a_call_forwarded_before_is_not_the_intercepted_calls()
    {
        var bye = Invite("13912345678", "earlier-call@conformance", "t") ;
        var lateBye = new SipRequest { Method = "BYE", RequestUri = bye.RequestUri, Headers = bye.Headers };

        var leaks = CalleeLeaks.Of([Arrival(5, lateBye)], Call, new HashSet<string> { "earlier-call@conformance" });

        Assert.That(leaks, Is.Empty);
    }

    [Test]
    public void Traffic_for_another_callee_is_no_leak()
    {
        var other = Invite("13800001111", "other@conformance", "othertag");

        Assert.That(CalleeLeaks.Of([Arrival(1, other)], Call, new HashSet<string>()), Is.Empty);
    }

    [Test]
    public void Garbage_relayed_unchanged_or_as_any_unparsed_bytes_is_a_leak()
    {
        var garbage = new byte[512];
        new Random(7).NextBytes(garbage);
        var relayed = new CalleeArrival(1, "UDP", Sut, DateTimeOffset.UtcNow, garbage, null);
        var reframed = new CalleeArrival(2, "TCP", Sut, DateTimeOffset.UtcNow, [.. "X"u8, .. garbage.AsSpan(0, 100)], null, 1);
        var other = Raw(3, "not SIP at all");

        var leaks = CalleeLeaks.OfBytes([relayed, reframed, other], garbage);

        Assert.That(leaks, Has.Count.EqualTo(3));
        Assert.That(leaks[0], Does.Contain("relayed"));
        Assert.That(leaks[2], Does.Contain("not a whole SIP message"));
    }

    [Test]
    public void A_parsed_sip_message_without_the_garbage_is_no_byte_leak()
    {
        var garbage = Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        Assert.That(CalleeLeaks.OfBytes([Arrival(1, Invite("13800001111", "o@c", "t"))], garbage), Is.Empty);
    }

    private static SipRequest Invite(string callee, string callId, string fromTag)
    {
        var invite = new SipRequest { Method = "INVITE", RequestUri = $"sip:{callee}@127.0.0.1:5080;user=phone" };
        invite.Headers.Add(HeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:5064;branch=z9hG4bKabc");
        invite.Headers.Add(HeaderNames.From, $"<sip:+14155550123@127.0.0.1>;tag={fromTag}");
        invite.Headers.Add(HeaderNames.To, $"<sip:{callee}@127.0.0.1;user=phone>");
        invite.Headers.Add(HeaderNames.CallId, callId);
        invite.Headers.Add(HeaderNames.CSeq, "1 INVITE");
        return invite;
    }

    private static CalleeArrival Arrival(long sequence, SipRequest request) =>
        new(sequence, "UDP", Sut, DateTimeOffset.UtcNow, request.ToBytes(), request);

    private static CalleeArrival Raw(long sequence, string text) =>
        new(sequence, "UDP", Sut, DateTimeOffset.UtcNow, Encoding.Latin1.GetBytes(text), null);
}
