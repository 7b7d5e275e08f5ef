using System.Text;

namespace Sip.Tests;

/// <summary>
/// Via, From and Contact values the parser accepts or refuses by the one grammar of <see cref="ViaTokens"/> and
/// <see cref="NameAddressTokens"/>, and the typed views that read them: an accepted value is one the view can read.
/// </summary>
public sealed class StructuredHeaderTests
{
    private static readonly object[] ViaValues =
    [
        new object[] { "SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-1;rport", true },
        new object[] { "SIP/2.0/TCP host.example.com;branch=z9hG4bK2", true },
        new object[] { "sip / 2.0 / udp   host : 5060 ;branch=z9hG4bK3", true },
        new object[] { "SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK4;received=192.0.2.1", true },
        new object[] { "SIP/2.0/UDP host:05060;branch=z9hG4bK5", true },
        new object[] { "SIP/2.0/UDP host;branch=\"quoted;value\"", true },
        new object[] { "SIP/2.0/UDP 203.0.113.25:5060, SIP/2.0/TCP 198.51.100.1;branch=z9hG4bK6", true },
        new object[] { "SIP/2.0/UDP host:65536;branch=z9hG4bK7", false },
        new object[] { "SIP/2.0/UDP host:;branch=z9hG4bK8", false },
        new object[] { "SIP/3.0/UDP host;branch=z9hG4bK9", false },
        new object[] { "SIP/2.0/UDP;branch=z9hG4bK10", false },
        new object[] { "SIP/2.0/UDP host;;branch=z9hG4bK11", false },
        new object[] { "SIP/2.0/UDP host;branch=z9hG4bK12;", true },
        new object[] { "SIP/2.0/UDP ho_st;branch=z9hG4bK13", false },
        new object[] { "SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK14", false },
        new object[] { "SIP/2.0/UDP [2001:db8::1]x;branch=z9hG4bK15", false },
        new object[] { "SIP/2.0/UDP host, ,SIP/2.0/UDP other", false },
        new object[] { "SIP/2.0/UDP host,", true },
        new object[] { "SIP/2.0 UDP host", false },
        new object[] { "SIP/2.0/U@P host", false },
    ];

    // Each value with whether it is one From and whether it is a Contact list.
    private static readonly object[] AddressValues =
    [
        new object[] { "\"Caller\" <sip:02088881234@203.0.113.25;user=phone>;tag=4f8c2a1d", true, true },
        new object[] { "<sip:13812345678@198.51.100.10;user=phone>", true, true },
        new object[] { "sip:alice@example.com;tag=1", true, true },
        new object[] { "Alice Smith <sip:alice@example.com>", true, true },
        new object[] { "\"quote \\\" inside\" <sip:a@b>", true, true },
        new object[] { "<tel:+8613812345678;phone-context=example.com>", true, true },
        new object[] { "<sips:bob@[2001:db8::1]:5061>", true, true },
        new object[] { "<sip:host.example.com?Subject=hi>", true, true },
        new object[] { "<sip:%61lice@example.com>", true, true },
        new object[] { "<sip:alice:secret@example.com:05060>", true, true },
        new object[] { "sip:alice@example.com?subject=x", false, false },
        new object[] { "sip:alice@example.com, sip:bob@example.com", false, true },
        new object[] { "<sip:alice@example.com", false, false },
        new object[] { "\"unterminated <sip:a@b>", false, false },
        new object[] { "Bad@Name <sip:a@b>", false, false },
        new object[] { "<http://example.com>", false, false },
        new object[] { "<sip:@example.com>", false, false },
        new object[] { "<sip:alice@example.com>x", false, false },
        new object[] { "<sip:alice@example.com>;;tag=1", false, false },
        new object[] { "<sip:alice@exa mple.com>", false, false },
        new object[] { "<sip:alice@example.com:99999>", false, false },
        new object[] { "<sip:>", false, false },
    ];

    private readonly SipParser _parser = new();

    [TestCaseSource(nameof(ViaValues))]
    public void AViaIsAcceptedWhenTheGrammarAllowsItAndThenReads(string via, bool valid)
    {
        var result = Parse(via: via);

        Assert.That(result.Status == SipParseStatus.Complete, Is.EqualTo(valid), $"{result.Status}: {result.Detail}");
        if (valid)
        {
            Assert.That(result.Message!.TopVia, Is.Not.Null);
        }
    }

    [TestCaseSource(nameof(AddressValues))]
    public void AFromIsAcceptedWhenTheGrammarAllowsItAndThenReads(string from, bool valid, bool validList)
    {
        Assert.That(!valid || validList, Is.True, "a value that is one address is also a list of one");
        var result = Parse(from: from);

        Assert.That(result.Status == SipParseStatus.Complete, Is.EqualTo(valid), $"{result.Status}: {result.Detail}");
        Assert.That(NameAddress.TryParse(from, out _), Is.EqualTo(valid));
        if (valid)
        {
            Assert.That(result.Message!.From, Is.Not.Null);
        }
    }

    [TestCaseSource(nameof(AddressValues))]
    public void AContactListIsAcceptedWhenEachValueIs(string contact, bool valid, bool validList)
    {
        Assert.That(!valid || validList, Is.True, "a value that is one address is also a list of one");
        var result = Parse(contact: contact);

        Assert.That(result.Status == SipParseStatus.Complete, Is.EqualTo(validList), $"{result.Status}: {result.Detail}");
    }

    [Test]
    public void HeaderValuesReadLaterAreTheWireTextIncludingUtf8()
    {
        var result = Parse(subject: "来电提醒 — 测试");

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        Assert.Multiple(() =>
        {
            Assert.That(result.Message!.Headers[HeaderNames.Subject], Is.EqualTo("来电提醒 — 测试"));
            Assert.That(result.Message.Headers[HeaderNames.CallId], Is.EqualTo("agree-1@example.com"));
            Assert.That(result.Message.ToString(), Does.Contain("Subject: 来电提醒 — 测试\r\n"));
        });
    }

    private SipParseResult Parse(
        string via = "SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-agree",
        string from = "<sip:caller@example.com>;tag=1",
        string contact = "<sip:caller@203.0.113.25>",
        string subject = "agreement")
    {
        var text =
            "INVITE sip:callee@example.com SIP/2.0\r\n" +
            $"Via: {via}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: {from}\r\n" +
            "To: <sip:callee@example.com>\r\n" +
            "Call-ID: agree-1@example.com\r\n" +
            "CSeq: 1 INVITE\r\n" +
            $"Contact: {contact}\r\n" +
            $"Subject: {subject}\r\n" +
            "Content-Length: 0\r\n\r\n";
        return _parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true);
    }
}
