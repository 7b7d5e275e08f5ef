using System.Text;

namespace Sip.Tests;

/// <summary>
/// The parsed top Via, From and To are cached per message until its headers change. Every way of changing them must
/// make the next read parse afresh, or a proxy would key, route or answer on a header it has already replaced.
/// </summary>
public sealed class ParsedHeaderCacheTests
{
    private const string Bye =
        "BYE sip:13812345678@192.0.2.4 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-first\r\n" +
        "From: <sip:02088881234@example.com>;tag=caller\r\n" +
        "To: <sip:13812345678@example.com>;tag=callee\r\n" +
        "Call-ID: cache-1@example.com\r\n" +
        "CSeq: 2 BYE\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static SipMessage Parse()
    {
        var result = new SipParser().Parse(Encoding.ASCII.GetBytes(Bye), datagram: true);
        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        return result.Message!;
    }

    [Test]
    public void PrependingAViaIsSeenOnTheNextRead()
    {
        var message = Parse();
        Assert.That(message.TopVia!.Branch, Is.EqualTo("z9hG4bK-first"));
        message.Headers.Prepend("Via", "SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-pushed");
        Assert.That(message.TopVia!.Branch, Is.EqualTo("z9hG4bK-pushed"));
    }

    [Test]
    public void PoppingTheTopViaIsSeenOnTheNextRead()
    {
        var message = Parse();
        message.Headers.Prepend("Via", "SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-pushed");
        Assert.That(message.TopVia!.Branch, Is.EqualTo("z9hG4bK-pushed"));
        Assert.That(message.Headers.RemoveFirstValue("Via"), Is.True);
        Assert.That(message.TopVia!.Branch, Is.EqualTo("z9hG4bK-first"));
    }

    [Test]
    public void SettingInsertingAndRemovingAreSeenOnTheNextRead()
    {
        var message = Parse();
        Assert.That(message.To!.Uri.ToString(), Does.Contain("13812345678"));
        message.Headers.Set("To", "<sip:13900001111@example.com>;tag=callee");
        Assert.That(message.To!.Uri.ToString(), Does.Contain("13900001111"));

        Assert.That(message.From!.Uri.ToString(), Does.Contain("02088881234"));
        message.Headers.RemoveAll("From");
        Assert.That(message.From, Is.Null);
        message.Headers.Insert(0, "From", "<sip:01066667777@example.com>;tag=caller");
        Assert.That(message.From!.Uri.ToString(), Does.Contain("01066667777"));
        message.Headers.RemoveAll("From");
        message.Headers.Add("From", "<sip:02155556666@example.com>;tag=caller");
        Assert.That(message.From!.Uri.ToString(), Does.Contain("02155556666"));
    }

    [Test]
    public void TheTopViaReadAsBytesFollowsTheStampAndAPushedVia()
    {
        // Read on receipt for the stamp, the transaction's key and the response target, and kept until a field changes.
        var request = (SipRequest)Parse();
        var source = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("198.51.100.9"), 6000);
        Assert.That(Sip.Transport.ViaStamping.ResponseTarget(request, source)!.ToString(), Is.EqualTo("203.0.113.25:5060"));

        Sip.Transport.ViaStamping.StampReceived(request, source);
        var stamped = Sip.Transport.ViaStamping.ResponseTarget(request, source)!.ToString();
        request.Headers.Prepend("Via", "SIP/2.0/UDP 192.0.2.77:5070;branch=z9hG4bK-pushed");
        var pushed = Sip.Transport.ViaStamping.ResponseTarget(request, source)!.ToString();

        Assert.That(stamped, Is.EqualTo("198.51.100.9:5060"), "received= from the stamp");
        Assert.That(pushed, Is.EqualTo("192.0.2.77:5070"), "the pushed Via, not the one read before");
    }
}
