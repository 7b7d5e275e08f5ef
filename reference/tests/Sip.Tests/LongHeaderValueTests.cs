using System.Text;

namespace Sip.Tests;

/// <summary>A header table's raw entry holds values under 64 KB; where messages may be larger, a longer value is kept as text.</summary>
public sealed class LongHeaderValueTests
{
    [Test]
    public void AValueLongerThanARawEntryHoldsIsReadAsText()
    {
        var value = new string('a', 70_000);
        var text = "OPTIONS sip:probe@192.0.2.1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK-long\r\n" +
            "From: <sip:caller@example.com>;tag=a\r\n" +
            "To: <sip:probe@example.com>\r\n" +
            "Call-ID: long@example.com\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Max-Forwards: 70\r\n" +
            $"X-Long: {value}\r\n" +
            "Content-Length: 0\r\n\r\n";
        var parser = new SipParser(new SipParserOptions { MaxMessageSize = 200_000 });

        var result = parser.Parse(Encoding.ASCII.GetBytes(text), datagram: false);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        Assert.That(result.Message!.Headers["X-Long"], Is.EqualTo(value));
        Assert.That(result.Message.CallId, Is.EqualTo("long@example.com"), "the fields around it are raw as usual");
    }
}
