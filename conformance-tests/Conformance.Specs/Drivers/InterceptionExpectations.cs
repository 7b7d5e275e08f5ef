using Conformance.Specs.Support;
using global::Sip;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>What the configured signalling profile (REQUIREMENTS area 7) demands of an interception's final response.</summary>
public sealed class InterceptionExpectations(SuiteRun run)
{
    public string Profile => run.Target.SignallingProfile;

    public void ExpectBlockingResponse(SipResponse response)
    {
        switch (Profile)
        {
            case "rfc8688":
                Assert.That(response.StatusCode, Is.EqualTo(608), "rfc8688 profile: an intercepted call is answered 608 Rejected (RFC 8688 §3)");
                break;
            case "rfc8197":
                Assert.That(response.StatusCode, Is.EqualTo(607), "rfc8197 profile: an intercepted call is answered 607 Unwanted (RFC 8197 §3)");
                break;
            default:
                Assert.That(response.StatusCode, Is.EqualTo(603), "atis-603plus profile: an intercepted call is answered 603 (ATIS-1000099 §4)");
                Assert.That(response.ReasonPhrase, Is.EqualTo("Network Blocked"), "atis-603plus profile: the reason phrase is 'Network Blocked'");
                var reason = response.Headers[HeaderNames.Reason];
                Assert.That(reason, Is.Not.Null, "atis-603plus profile: the 603 carries a Reason header");
                Assert.That(reason, Does.Match("^SIP\\s*;.*cause\\s*=\\s*603").IgnoreCase, "atis-603plus profile: Reason is 'SIP;cause=603;…'");
                Assert.That(reason, Does.Match("text\\s*=\\s*\"v=analytics1;"), "atis-603plus profile: the Reason text starts with v=analytics1");
                break;
        }
    }

    public void ExpectRedressContact(SipResponse response)
    {
        switch (Profile)
        {
            case "rfc8688":
                var callInfo = string.Join(", ", response.Headers.All(HeaderNames.CallInfo));
                Assert.That(callInfo, Does.Match("<[^>]+>\\s*;.*purpose\\s*=\\s*jwscard"), "rfc8688 profile: Call-Info names the jwscard with the redress contact");
                break;
            case "rfc8197":
                Assert.That(response.StatusCode, Is.EqualTo(607), "rfc8197 profile carries no redress contact; the 607 itself is the signal");
                break;
            default:
                Assert.That(response.Headers[HeaderNames.Reason], Does.Match("text\\s*=\\s*\"v=analytics1;[^\"]*(url|tel|email)\\s*=\\s*[^;\"]+"),
                    "atis-603plus profile: the Reason text names a redress contact (url, tel or email)");
                break;
        }
    }
}
