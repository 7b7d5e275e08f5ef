using Conformance.Specs.Support;
using Sip;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// What the configured signalling profile (REQUIREMENTS area 7) demands of an interception's final response. Under
/// rfc8197, 607 Unwanted answers the callee's own refusals only; the network's own blocks get 603 Network Blocked
/// with its Reason, as under atis-603plus, since a 607 would claim the callee refused a call they never judged.
/// </summary>
public sealed class InterceptionExpectations(SuiteRun run, ScenarioState state)
{
    public string Profile => run.Target.SignallingProfile;

    /// <summary>The final response the profile demands for this scenario's interception (a refusal if the callee refused).</summary>
    public void ExpectBlockingResponse(SipResponse response) => ExpectBlockingResponse(response, state.CalleeRefused);

    public void ExpectBlockingResponse(SipResponse response, bool calleeRefused)
    {
        switch (Profile)
        {
            case "rfc8688":
                Assert.That(response.StatusCode, Is.EqualTo(608), "rfc8688 profile: an intercepted call is answered 608 Rejected (RFC 8688 §3)");
                break;
            case "rfc8197" when calleeRefused:
                Assert.That(response.StatusCode, Is.EqualTo(607), "rfc8197 profile: a call the callee refused is answered 607 Unwanted (RFC 8197 §3; REQUIREMENTS area 7)");
                Assert.That(response.ReasonPhrase, Is.EqualTo("Unwanted"), "rfc8197 profile: the reason phrase of 607 is 'Unwanted'");
                break;
            case "rfc8197":
                Assert.That(response.StatusCode, Is.Not.EqualTo(607), "rfc8197 profile: 607 Unwanted is for the callee's own refusals; a call the network blocked must not claim the callee refused it");
                ExpectNetworkBlocked(response, "rfc8197 profile, network block");
                break;
            default:
                ExpectNetworkBlocked(response, "atis-603plus profile");
                break;
        }
    }

    private static void ExpectNetworkBlocked(SipResponse response, string profile)
    {
        Assert.That(response.StatusCode, Is.EqualTo(603), $"{profile}: an intercepted call is answered 603 (ATIS-1000099 §4)");
        Assert.That(response.ReasonPhrase, Is.EqualTo("Network Blocked"), $"{profile}: the reason phrase is 'Network Blocked'");
        var reason = response.Headers[HeaderNames.Reason];
        Assert.That(reason, Is.Not.Null, $"{profile}: the 603 carries a Reason header");
        Assert.That(reason, Does.Match("^SIP\\s*;.*cause\\s*=\\s*603").IgnoreCase, $"{profile}: Reason is 'SIP;cause=603;…'");
        Assert.That(reason, Does.Match("text\\s*=\\s*\"v=analytics1;"), $"{profile}: the Reason text starts with v=analytics1");
    }

    public void ExpectRedressContact(SipResponse response)
    {
        switch (Profile)
        {
            case "rfc8688":
                var callInfo = string.Join(", ", response.Headers.All(HeaderNames.CallInfo));
                Assert.That(callInfo, Does.Match("<[^>]+>\\s*;.*purpose\\s*=\\s*jwscard"), "rfc8688 profile: Call-Info names the jwscard with the redress contact");
                break;
            case "rfc8197" when state.CalleeRefused:
                Assert.That(response.StatusCode, Is.EqualTo(607), "rfc8197 profile: a callee's refusal carries no redress contact; the 607 itself is the signal");
                break;
            default:
                Assert.That(response.Headers[HeaderNames.Reason], Does.Match("text\\s*=\\s*\"v=analytics1;[^\"]*(url|tel|email)\\s*=\\s*[^;\"]+"),
                    "atis-603plus profile: the Reason text names a redress contact (url, tel or email)");
                break;
        }
    }
}
