using System.Text;
using Reference.Signalling;
using Screening;
using Sip;

namespace Reference.Tests;

/// <summary>The 603+ of an intercepted call names its own rule's reason, whichever call came before it.</summary>
public sealed class InterceptResponderTests
{
    private static readonly InterceptResponder Responder = new(new SignallingOptions(SignallingOptions.Atis603Plus, "https://appeal.example/redress"));

    [Test]
    public void EachInterceptionCarriesItsOwnReason()
    {
        var reasons = new[] { "foreign-origin", "call-bombing", "call-bombing", "foreign-origin" };

        var warnings = reasons.Select(reason => AsReceived(Responder.Build(Invite(), ScreeningDecision.Intercept("rule", reason, "text"))))
            .Select(response => response.Headers["Warning"])
            .ToArray();

        Assert.That(warnings, Is.EqualTo(reasons.Select(reason => $"399 screening \"{reason}\"")));
    }

    [Test]
    public void TheReasonHeaderCarriesTheRedressAddress()
    {
        var response = AsReceived(Responder.Build(Invite(), ScreeningDecision.Intercept("rule", "foreign-origin", "text")));

        Assert.That(response.StatusCode, Is.EqualTo(603));
        Assert.That(response.ReasonPhrase, Is.EqualTo("Network Blocked"));
        Assert.That(response.Headers["Reason"], Is.EqualTo("SIP;cause=603;text=\"v=analytics1;url=https://appeal.example/redress\""));
    }

    // The 603 is written straight into its wire bytes: read as the caller reads it.
    private static SipResponse AsReceived(SipResponse response)
    {
        var result = new SipParser().Parse(response.ToBytes(), datagram: true);
        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        return (SipResponse)result.Message!;
    }

    private static SipRequest Invite()
    {
        const string text = "INVITE sip:13812345678@192.0.2.1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-responder\r\n" +
            "From: <sip:+8613912345678@example.com>;tag=caller\r\n" +
            "To: <sip:13812345678@example.com>\r\n" +
            "Call-ID: responder-1@example.com\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Max-Forwards: 70\r\n" +
            "Content-Length: 0\r\n\r\n";
        var result = new SipParser().Parse(Encoding.ASCII.GetBytes(text), datagram: true);
        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        return (SipRequest)result.Message!;
    }
}
