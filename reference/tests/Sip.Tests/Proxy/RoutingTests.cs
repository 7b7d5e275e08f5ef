using System.Net;
using Sip.Proxy;
using Sip.Transport;

namespace Sip.Tests.Proxy;

/// <summary>Record-Route and the route set of in-dialog requests: RFC 3261 §16.4, §16.6 and §16.12 loose routing.</summary>
public sealed class RoutingTests
{
    [Test]
    public void WhenConfiguredTheProxyRecordRoutesTheInviteItForwards()
    {
        var rig = new ProxyRig(o => o with { RecordRoute = true });

        rig.FromCaller(ProxyRig.Invite());

        Assert.That(rig.ForwardedInvite.Headers[HeaderNames.RecordRoute], Is.EqualTo("<sip:127.0.0.1:5064;lr>"));
    }

    [Test]
    public void AnInDialogRequestRoutedHereGoesToTheNextRouteWithTheProxysEntryRemoved()
    {
        var rig = new ProxyRig(o => o with { RecordRoute = true });
        var bye = ProxyRig.InDialog(ProxyRig.Invite(), "BYE", "callee-tag", "z9hG4bKroute1");
        bye.Headers.Add(HeaderNames.Route, "<sip:127.0.0.1:5064;lr>, <sip:10.1.2.3:5080;lr>");

        rig.FromCaller(bye);
        var (message, to) = rig.Udp.Sent.Single(s => s.Message is SipRequest { Method: "BYE" });

        Assert.That(to, Is.EqualTo(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 5080)));
        Assert.That(((SipRequest)message).Headers.All(HeaderNames.Route), Is.EqualTo(new[] { "<sip:10.1.2.3:5080;lr>" }));
        Assert.That(((SipRequest)message).RequestUri, Is.EqualTo(bye.RequestUri), "loose routing leaves the Request-URI alone");
    }

    [Test]
    public void AnInDialogRequestWhoseLastRouteWasThisProxyGoesToItsRequestUri()
    {
        var rig = new ProxyRig(o => o with { RecordRoute = true });
        var bye = ProxyRig.InDialog(ProxyRig.Invite(), "BYE", "caller-tag", "z9hG4bKroute2");
        bye.RequestUri = "sip:+14155550123@127.0.0.9:40100";
        bye.Headers.Add(HeaderNames.Route, "<sip:127.0.0.1:5064;lr>");

        rig.FromNextHop(bye);
        var (message, to) = rig.Udp.Sent.Single(s => s.Message is SipRequest { Method: "BYE" });

        Assert.That(to, Is.EqualTo(new IPEndPoint(IPAddress.Parse("127.0.0.9"), 40100)));
        Assert.That(((SipRequest)message).Headers.Contains(HeaderNames.Route), Is.False);
    }

    [Test]
    public void AStrictRouterNextGetsItsUriAsRequestUriAndTheOldOneAtTheEndOfTheRoute()
    {
        var request = ProxyRig.InDialog(ProxyRig.Invite(), "BYE", "t", "z9hG4bKstrict");
        request.RequestUri = "sip:callee@10.0.0.7:5090";
        request.Headers.Add(HeaderNames.Route, "<sip:127.0.0.1:5064;lr>");
        request.Headers.Add(HeaderNames.Route, "<sip:10.0.0.5:5060>");

        var target = RequestRouting.Route(request, u => u.Host == "127.0.0.1" && u.Port == 5064, new HopTarget(ProxyRig.NextHop, TransportProtocol.Udp));

        Assert.That(target.EndPoint, Is.EqualTo(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 5060)));
        Assert.That(request.RequestUri, Is.EqualTo("sip:10.0.0.5:5060"));
        Assert.That(request.Headers.All(HeaderNames.Route), Is.EqualTo(new[] { "<sip:callee@10.0.0.7:5090>" }));
    }

    [Test]
    public void ARequestUriAStrictRouterRewroteToThisProxyIsRestoredFromTheLastRoute()
    {
        var request = ProxyRig.InDialog(ProxyRig.Invite(), "BYE", "t", "z9hG4bKstrict2");
        request.RequestUri = "sip:127.0.0.1:5064;lr";
        request.Headers.Add(HeaderNames.Route, "<sip:callee@10.0.0.7:5090>");

        var target = RequestRouting.Route(request, u => u.Host == "127.0.0.1" && u.Port == 5064, new HopTarget(ProxyRig.NextHop, TransportProtocol.Udp));

        Assert.That(request.RequestUri, Is.EqualTo("sip:callee@10.0.0.7:5090"));
        Assert.That(request.Headers.Contains(HeaderNames.Route), Is.False);
        Assert.That(target.EndPoint, Is.EqualTo(ProxyRig.NextHop));
    }

    [Test]
    public void ARequestWithoutRoutesGoesToTheDefaultNextHop()
    {
        var request = ProxyRig.Invite();

        var target = RequestRouting.Route(request, _ => false, new HopTarget(ProxyRig.NextHop, TransportProtocol.Tcp));

        Assert.That(target, Is.EqualTo(new HopTarget(ProxyRig.NextHop, TransportProtocol.Tcp)));
    }
}
