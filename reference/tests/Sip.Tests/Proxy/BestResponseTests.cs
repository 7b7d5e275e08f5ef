using Sip.Proxy;

namespace Sip.Tests.Proxy;

/// <summary>RFC 3261 §16.7 step 6: choosing the response that goes upstream among a request's final responses.</summary>
public sealed class BestResponseTests
{
    [TestCase(new[] { 486, 404 }, 486)]
    [TestCase(new[] { 503, 302, 486 }, 302)]
    [TestCase(new[] { 200, 603 }, 603)]
    [TestCase(new[] { 486, 200 }, 200)]
    [TestCase(new[] { 408, 480 }, 408)]
    public void TheBestIsA6xxThenA2xxThenTheLowestClassFirstComeFirst(int[] statuses, int best)
    {
        var invite = ProxyRig.Invite();

        var chosen = BestResponse.Choose(statuses.Select(s => SipResponse.For(invite, s)));

        Assert.That(chosen!.StatusCode, Is.EqualTo(best));
    }
}
