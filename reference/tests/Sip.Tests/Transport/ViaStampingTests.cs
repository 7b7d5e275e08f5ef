using System.Net;
using System.Text;
using Sip.Transport;

namespace Sip.Tests.Transport;

/// <summary>
/// The server transport stamps the top Via of what it receives (RFC 3261 §18.2.1 <c>received</c>, RFC 3581 <c>rport</c>):
/// only the top value changes; the values and fields below it are the route the responses take back, and stay as
/// they came.
/// </summary>
public sealed class ViaStampingTests
{
    private static readonly IPEndPoint Source = new(IPAddress.Parse("198.51.100.7"), 40123);

    private static SipRequest Parse(string vias)
    {
        var text = "BYE sip:13812345678@192.0.2.1 SIP/2.0\r\n" + vias +
            "From: <sip:02088881234@example.com>;tag=caller\r\n" +
            "To: <sip:13812345678@example.com>;tag=callee\r\n" +
            "Call-ID: stamp-1@example.com\r\n" +
            "CSeq: 2 BYE\r\n" +
            "Max-Forwards: 70\r\n" +
            "Content-Length: 0\r\n\r\n";
        return (SipRequest)ParsedText.Of(text);
    }

    [Test]
    public void TheTopViaGetsReceivedAndTheRportValue()
    {
        var request = Parse("Via: SIP/2.0/UDP caller.example:5062;branch=z9hG4bK-a;rport\r\n");

        ViaStamping.StampReceived(request, Source);

        Assert.That(request.Headers.All("Via"), Is.EqualTo(new[] { "SIP/2.0/UDP caller.example:5062;branch=z9hG4bK-a;rport=40123;received=198.51.100.7" }));
        Assert.That(request.TopVia!.Received, Is.EqualTo("198.51.100.7"));
        Assert.That(request.TopVia.RPort, Is.EqualTo(40123));
    }

    [Test]
    public void AViaNamingTheSenderWithoutRportIsLeftAsItCame()
    {
        const string via = "SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-b";
        var request = Parse($"Via: {via}\r\n");

        ViaStamping.StampReceived(request, Source);

        Assert.That(request.Headers.All("Via"), Is.EqualTo(new[] { via }));
        Assert.That(request.TopVia!.Received, Is.Null);
    }

    [Test]
    public void LaterViaFieldsStay()
    {
        // An upstream proxy's Via on its own line above the caller's: stamping the first must not drop the second,
        // or the responses lose their way back to the caller.
        var request = Parse(
            "Via: SIP/2.0/UDP proxy.example;branch=z9hG4bK-proxy\r\n" +
            "Via: SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-caller;received=203.0.113.9\r\n");

        ViaStamping.StampReceived(request, Source);

        Assert.That(request.Headers.All("Via"), Is.EqualTo(new[]
        {
            "SIP/2.0/UDP proxy.example;branch=z9hG4bK-proxy;received=198.51.100.7",
            "SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-caller;received=203.0.113.9",
        }));
    }

    [Test]
    public void TheOtherValuesOfACommaSeparatedFieldStay()
    {
        var request = Parse("Via: SIP/2.0/UDP proxy.example;branch=z9hG4bK-proxy, SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-caller\r\n");

        ViaStamping.StampReceived(request, Source);

        Assert.That(request.Headers.All("Via"), Is.EqualTo(new[]
        {
            "SIP/2.0/UDP proxy.example;branch=z9hG4bK-proxy;received=198.51.100.7",
            "SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-caller",
        }));
        Assert.That(request.ToString(), Does.Contain(
            "Via: SIP/2.0/UDP proxy.example;branch=z9hG4bK-proxy;received=198.51.100.7\r\nVia: SIP/2.0/UDP 203.0.113.25;branch=z9hG4bK-caller\r\n"));
    }

    [Test]
    public void EachSenderGetsItsOwnPort()
    {
        // The port's text is kept per thread for the next request from the same sender; another sender's differs.
        var first = Parse("Via: SIP/2.0/UDP caller.example;branch=z9hG4bK-c;rport\r\n");
        var second = Parse("Via: SIP/2.0/UDP caller.example;branch=z9hG4bK-d;rport\r\n");
        var third = Parse("Via: SIP/2.0/UDP caller.example;branch=z9hG4bK-e;rport\r\n");

        ViaStamping.StampReceived(first, Source);
        ViaStamping.StampReceived(second, new IPEndPoint(Source.Address, 5070));
        ViaStamping.StampReceived(third, Source);

        Assert.That(new[] { first.TopVia!.RPort, second.TopVia!.RPort, third.TopVia!.RPort }, Is.EqualTo(new int?[] { 40123, 5070, 40123 }));
    }
}
