namespace Sip.Tests;

/// <summary>
/// The numbers screening reads from an INVITE (the From's and the Request-URI's) read from the received bytes as the
/// parsed objects read them (<c>From?.Uri.Number</c>, <c>SipUri.TryParse(RequestUri).Number</c>), and from values set
/// in code alike.
/// </summary>
public sealed class NumberReadTests
{
    private static SipRequest Invite(string requestUri, string from) => (SipRequest)ParsedText.Of(
        $"INVITE {requestUri} SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-number\r\n" +
        $"From: {from}\r\n" +
        "To: <sip:callee@example.com>\r\n" +
        "Call-ID: number@example.com\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Max-Forwards: 70\r\n" +
        "Content-Length: 0\r\n\r\n");

    [TestCase("<sip:13812345678@example.com;user=phone>;tag=a", "13812345678")]
    [TestCase("\"Caller, A\" <sip:+86%2013812345678@example.com>;tag=a", "+86 13812345678")]
    [TestCase("<tel:+8613812345678;phone-context=example.com>;tag=a", "+8613812345678")]
    [TestCase("sip:caller@example.com;tag=a", "caller")]
    [TestCase("<sip:example.com>;tag=a", null)]
    public void TheFromNumberReadsAsTheParsedAddressReadsIt(string from, string? number)
    {
        var fromBytes = Invite("sip:110@example.com", from);
        var parsed = Invite("sip:110@example.com", from);

        Assert.That(fromBytes.NumberIn(HeaderNames.From), Is.EqualTo(number));
        Assert.That(parsed.From?.Uri.Number, Is.EqualTo(number), "what the parsed address reads");
    }

    [Test]
    public void AFromSetInCodeIsReadFromItsText()
    {
        var invite = Invite("sip:110@example.com", "<sip:13812345678@example.com>;tag=a");

        invite.Headers.Set(HeaderNames.From, "<tel:+14155550123>;tag=b");

        Assert.That(invite.NumberIn(HeaderNames.From), Is.EqualTo("+14155550123"));
        Assert.That(invite.NumberIn(HeaderNames.PAssertedIdentity), Is.Null, "no such header");
    }

    [TestCase("sip:13812345678@example.com;user=phone", "13812345678")]
    [TestCase("sip:%31%31%30@example.com", "110")]
    [TestCase("tel:+8613812345678", "+8613812345678")]
    [TestCase("sip:example.com", null)]
    public void TheRequestUriNumberReadsAsTheParsedUriReadsIt(string requestUri, string? number)
    {
        var fromBytes = Invite(requestUri, "<sip:caller@example.com>;tag=a");
        var fromText = Invite(requestUri, "<sip:caller@example.com>;tag=a");
        _ = fromText.RequestUri;

        Assert.That(fromBytes.RequestUriNumber, Is.EqualTo(number));
        Assert.That(fromText.RequestUriNumber, Is.EqualTo(number), "the URI read as text first");
        Assert.That(SipUri.TryParse(requestUri, out var uri) ? uri.Number : null, Is.EqualTo(number), "what the parsed URI reads");
    }

    [Test]
    public void ARequestUriSetInCodeIsReadFromItsText()
    {
        var invite = Invite("sip:13812345678@example.com", "<sip:caller@example.com>;tag=a");

        invite.RequestUri = "tel:120";

        Assert.That(invite.RequestUriNumber, Is.EqualTo("120"));
    }
}
