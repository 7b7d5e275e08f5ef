using System.Text;

namespace Sip.Tests;

/// <summary>
/// The parser validates Via, From, To and Contact over spans without building objects; the object parsers
/// (ViaHeader, NameAddress) build them. Both must accept exactly the same values, or the node would forward a
/// message whose headers it cannot read, or refuse one it could.
/// </summary>
public sealed class ValidationAgreementTests
{
    private static readonly string[] ViaValues =
    [
        "SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-1;rport",
        "SIP/2.0/TCP host.example.com;branch=z9hG4bK2",
        "sip / 2.0 / udp   host : 5060 ;branch=z9hG4bK3",
        "SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK4;received=192.0.2.1",
        "SIP/2.0/UDP host:05060;branch=z9hG4bK5",
        "SIP/2.0/UDP host;branch=\"quoted;value\"",
        "SIP/2.0/UDP 203.0.113.25:5060, SIP/2.0/TCP 198.51.100.1;branch=z9hG4bK6",
        "SIP/2.0/UDP host:65536;branch=z9hG4bK7",
        "SIP/2.0/UDP host:;branch=z9hG4bK8",
        "SIP/3.0/UDP host;branch=z9hG4bK9",
        "SIP/2.0/UDP;branch=z9hG4bK10",
        "SIP/2.0/UDP host;;branch=z9hG4bK11",
        "SIP/2.0/UDP host;branch=z9hG4bK12;",
        "SIP/2.0/UDP ho_st;branch=z9hG4bK13",
        "SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK14",
        "SIP/2.0/UDP [2001:db8::1]x;branch=z9hG4bK15",
        "SIP/2.0/UDP host, ,SIP/2.0/UDP other",
        "SIP/2.0/UDP host,",
        "SIP/2.0 UDP host",
        "SIP/2.0/U@P host",
    ];

    private static readonly string[] AddressValues =
    [
        "\"Caller\" <sip:02088881234@203.0.113.25;user=phone>;tag=4f8c2a1d",
        "<sip:13812345678@198.51.100.10;user=phone>",
        "sip:alice@example.com;tag=1",
        "Alice Smith <sip:alice@example.com>",
        "\"quote \\\" inside\" <sip:a@b>",
        "<tel:+8613812345678;phone-context=example.com>",
        "<sips:bob@[2001:db8::1]:5061>",
        "<sip:host.example.com?Subject=hi>",
        "<sip:%61lice@example.com>",
        "<sip:alice:secret@example.com:05060>",
        "sip:alice@example.com?subject=x",
        "sip:alice@example.com, sip:bob@example.com",
        "<sip:alice@example.com",
        "\"unterminated <sip:a@b>",
        "Bad@Name <sip:a@b>",
        "<http://example.com>",
        "<sip:@example.com>",
        "<sip:alice@example.com>x",
        "<sip:alice@example.com>;;tag=1",
        "<sip:alice@exa mple.com>",
        "<sip:alice@example.com:99999>",
        "<sip:>",
    ];

    private readonly SipParser _parser = new();

    [TestCaseSource(nameof(ViaValues))]
    public void TheParserAcceptsAViaExactlyWhenViaHeaderCanReadIt(string via)
    {
        var readable = HeaderValueSplitter.SplitCommas(via).TrueForAll(part => ViaHeader.TryParse(part, out _));

        var result = Parse(via: via);

        Assert.That(result.Status == SipParseStatus.Complete, Is.EqualTo(readable), $"{result.Status}: {result.Detail}");
    }

    [TestCaseSource(nameof(AddressValues))]
    public void TheParserAcceptsAFromExactlyWhenNameAddressCanReadIt(string from)
    {
        var readable = NameAddress.TryParse(from, out _);

        var result = Parse(from: from);

        Assert.That(result.Status == SipParseStatus.Complete, Is.EqualTo(readable), $"{result.Status}: {result.Detail}");
    }

    [TestCaseSource(nameof(AddressValues))]
    public void TheParserAcceptsAContactExactlyWhenEachValueIsReadable(string contact)
    {
        var readable = HeaderValueSplitter.SplitCommas(contact).TrueForAll(part => NameAddress.TryParse(part, out _));

        var result = Parse(contact: contact);

        Assert.That(result.Status == SipParseStatus.Complete, Is.EqualTo(readable), $"{result.Status}: {result.Detail}");
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
