using System.Text;

namespace Sip.Tests;

/// <summary>
/// The parser's check reads every Via value; the top one, as read there, is handed to the message's headers, so that
/// what reads it next on the receiving thread (an INVITE's received/rport stamp, an ACK's transaction key) does not
/// read it again, and gets the same parts a fresh read would.
/// </summary>
public sealed class TopViaKeptTests
{
    private static SipRequest Parsed(string via, string method = "ACK") => (SipRequest)new SipParser().Parse(Encoding.UTF8.GetBytes(
        $"{method} sip:callee@192.0.2.1 SIP/2.0\r\n" +
        $"Via: {via}\r\n" +
        "From: <sip:caller@example.com>;tag=a\r\n" +
        "To: <sip:callee@example.com>;tag=b\r\n" +
        "Call-ID: kept-via@example.com\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Max-Forwards: 70\r\n" +
        "Content-Length: 0\r\n\r\n"), datagram: true).Message!;

    [Test]
    public void AParsedRequestsTopViaIsKeptForItsFirstRead()
    {
        var ack = Parsed("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK776asdhds;rport");

        Assert.That(ack.Headers.TopViaKept, Is.True);
    }

    [TestCase("SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK776asdhds;rport")]
    [TestCase("SIP/2.0/UDP 203.0.113.25;rport;branch=z9hG4bK.kept.2, SIP/2.0/UDP 198.51.100.1;branch=z9hG4bK-below")]
    [TestCase("SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK.kept.3 ,SIP/2.0/UDP 198.51.100.1")]
    [TestCase("SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bKkept4,")]
    [TestCase("SIP / 2.0 / UDP host.example ; branch=z9hG4bKkept5")]
    public void TheKeptTopViaReadsAsAFreshReadOfItDoes(string via)
    {
        var request = Parsed(via);
        Assert.That(TopViaBytes.TryRead(request.Headers, out var kept), Is.True);
        var keptParts = (Encoding.ASCII.GetString(kept.Value), Encoding.ASCII.GetString(kept.Host), kept.Port, Encoding.ASCII.GetString(kept.Parameters));

        // Another message's top Via read on this thread since: this one's is read afresh.
        var other = Parsed("SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKother");
        Assert.That(TopViaBytes.TryRead(other.Headers, out _), Is.True);
        Assert.That(request.Headers.TopViaKept, Is.False);
        Assert.That(TopViaBytes.TryRead(request.Headers, out var fresh), Is.True);
        var freshParts = (Encoding.ASCII.GetString(fresh.Value), Encoding.ASCII.GetString(fresh.Host), fresh.Port, Encoding.ASCII.GetString(fresh.Parameters));

        Assert.That(keptParts, Is.EqualTo(freshParts));
    }

    [TestCase("SIP/2.0/UDP a.example;branch=z9hG4bK1,,SIP/2.0/UDP b.example")]
    [TestCase("SIP/2.0/UDP a.example;branch=z9hG4bK1, nonsense")]
    [TestCase("nonsense, SIP/2.0/UDP b.example")]
    public void AViaWithAMalformedValueIsStillRejected(string via)
    {
        var result = new SipParser().Parse(Encoding.UTF8.GetBytes(
            "ACK sip:callee@192.0.2.1 SIP/2.0\r\n" +
            $"Via: {via}\r\n" +
            "From: <sip:caller@example.com>;tag=a\r\nTo: <sip:callee@example.com>;tag=b\r\nCall-ID: x@example.com\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"), datagram: true);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Rejected));
    }

    [TestCase("SIP/2.0/UDP 10.0.0.1:40000;branch=z9hG4bKstamp;rport", "SIP/2.0/UDP 10.0.0.1:40000;branch=z9hG4bKstamp;rport=5070;received=192.0.2.7")]
    [TestCase("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKstamp", "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKstamp;received=192.0.2.7")]
    [TestCase("SIP/2.0/UDP 10.0.0.1:5060", "SIP/2.0/UDP 10.0.0.1:5060;received=192.0.2.7")]
    [TestCase("SIP/2.0/UDP host.example ; received=1.2.3.4 ;branch=z9hG4bKs", "SIP/2.0/UDP host.example;received=192.0.2.7;branch=z9hG4bKs")]
    [TestCase("SIP/2.0/TCP [2001:db8::1]:5060;rport;branch=z9hG4bKs, SIP/2.0/UDP 198.51.100.1", "SIP/2.0/TCP [2001:db8::1]:5060;rport=5070;branch=z9hG4bKs;received=192.0.2.7")]
    public void AStampedViasPartsAreKeptAsAFreshReadOfTheStampGivesThem(string via, string expected)
    {
        var invite = Parsed(via, "INVITE");
        Sip.Transport.ViaStamping.StampReceived(invite, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.7"), 5070));
        var keptNow = invite.Headers.TopViaKept;
        Assert.That(TopViaBytes.TryRead(invite.Headers, out var kept), Is.True);
        var keptParts = (Encoding.ASCII.GetString(kept.Value), Encoding.ASCII.GetString(kept.Host), kept.Port, Encoding.ASCII.GetString(kept.Parameters), kept.Tokens.Transport);

        var other = Parsed("SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKother");
        Assert.That(TopViaBytes.TryRead(other.Headers, out _), Is.True);
        Assert.That(TopViaBytes.TryRead(invite.Headers, out var fresh), Is.True);
        var freshParts = (Encoding.ASCII.GetString(fresh.Value), Encoding.ASCII.GetString(fresh.Host), fresh.Port, Encoding.ASCII.GetString(fresh.Parameters), fresh.Tokens.Transport);

        Assert.Multiple(() =>
        {
            Assert.That(keptNow, Is.True, "the stamp's parts are kept");
            Assert.That(keptParts.Item1, Is.EqualTo(expected));
            Assert.That(keptParts, Is.EqualTo(freshParts));
        });
    }
}
