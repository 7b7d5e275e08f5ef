using System.Text;

namespace Sip.Tests;

/// <summary>
/// A proxy pops its own Via from every response it relays (RFC 3261 §16.7 step 3): only the first value of the first
/// Via field goes, whether that field holds one value or several, and whether it was read from the wire or set in code.
/// </summary>
public sealed class FirstValueRemovalTests
{
    private static SipMessage Parse(string vias)
    {
        var text = "SIP/2.0 200 OK\r\n" + vias +
            "From: <sip:02088881234@example.com>;tag=caller\r\n" +
            "To: <sip:13812345678@example.com>;tag=callee\r\n" +
            "Call-ID: pop-1@example.com\r\n" +
            "CSeq: 2 BYE\r\n" +
            "Content-Length: 0\r\n\r\n";
        return ParsedText.Of(text);
    }

    [Test]
    public void AFieldWithOneValueGoesWhole()
    {
        var message = Parse("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-ours\r\nVia: SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-theirs\r\n");
        Assert.That(message.Headers.RemoveFirstValue("v"), Is.True);
        Assert.That(message.Headers.All("Via"), Is.EqualTo(new[] { "SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-theirs" }));
    }

    [Test]
    public void AFieldWithSeveralValuesKeepsTheRest()
    {
        var message = Parse("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-ours ,SIP/2.0/TCP 198.51.100.7;branch=z9hG4bK-mid, SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-theirs\r\n");
        Assert.That(message.Headers.RemoveFirstValue("Via"), Is.True);
        Assert.That(message.Headers.All("Via"), Is.EqualTo(new[] { "SIP/2.0/TCP 198.51.100.7;branch=z9hG4bK-mid, SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-theirs" }));
        Assert.That(message.TopVia!.Branch, Is.EqualTo("z9hG4bK-mid"));
    }

    [Test]
    public void ACommaInsideAQuotedParameterDoesNotSplitTheValue()
    {
        var message = Parse("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-ours;note=\"a, b\"\r\nVia: SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-theirs\r\n");
        Assert.That(message.Headers.RemoveFirstValue("Via"), Is.True);
        Assert.That(message.TopVia!.Branch, Is.EqualTo("z9hG4bK-theirs"));
        Assert.That(message.Headers.All("Via").Count(), Is.EqualTo(1));
    }

    [Test]
    public void AValueSetInCodeIsPoppedTheSameWay()
    {
        var message = Parse("Via: SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-theirs\r\n");
        message.Headers.Prepend("Via", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-a, SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-b");
        Assert.That(message.Headers.RemoveFirstValue("Via"), Is.True);
        Assert.That(message.Headers.First("Via"), Is.EqualTo("SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-b"));
        Assert.That(message.Headers.RemoveFirstValue("Via"), Is.True);
        Assert.That(message.Headers.RemoveFirstValue("Via"), Is.True);
        Assert.That(message.Headers.RemoveFirstValue("Via"), Is.False);
    }

    [Test]
    public void TheFirstValueIsReadAloneAndReplacedAlone()
    {
        var message = Parse("Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-a, SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-b\r\nVia: SIP/2.0/UDP 203.0.113.9;branch=z9hG4bK-c\r\n");

        Assert.That(message.Headers.FirstValue("Via"), Is.EqualTo("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-a"));
        message.Headers.ReplaceFirstValue("v", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-a;received=192.0.2.99");
        Assert.That(message.Headers.All("Via"), Is.EqualTo(new[]
        {
            "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-a;received=192.0.2.99",
            "SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-b",
            "SIP/2.0/UDP 203.0.113.9;branch=z9hG4bK-c",
        }));
        Assert.That(message.Headers.FirstValue("P-Asserted-Identity"), Is.Null);
    }
}
