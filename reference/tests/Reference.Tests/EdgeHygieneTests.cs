using Sip;

namespace Reference.Tests;

/// <summary>
/// A caller's own label Call-Info and P-Asserted-Identity stop at the network edge (INT-EDGE-001, -002): always from
/// the access and international realms, from interconnect unless Sip:TrustedRealms names it.
/// </summary>
[NonParallelizable]
public sealed class EdgeHygieneTests
{
    private const string Abroad = "+14155550123";
    private const string Domestic = "13912345670";
    private const string Callee = "13812345678";
    private const string OwnLabel = "<urn:label:delivery>;purpose=label;category=delivery;source=carrier-analytics;count=99";
    private const string Origin = "<https://caller.example.com/card>;purpose=info";

    [Test]
    public async Task ACallFromAbroadReachesTheCalleeWithoutItsOwnLabelOrAssertedIdentity()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint);

        var forwarded = await ForwardedAsync(caller, callee, node.International, Abroad);

        Assert.Multiple(() =>
        {
            Assert.That(forwarded.Headers.All(HeaderNames.CallInfo).Where(v => v.Contains("purpose=label", StringComparison.Ordinal)), Is.Empty);
            Assert.That(forwarded.Headers.All(HeaderNames.CallInfo), Does.Contain(Origin), "other Call-Info purposes pass");
            Assert.That(forwarded.Headers.All(HeaderNames.PAssertedIdentity).Where(v => v.Contains("快递", StringComparison.Ordinal)), Is.Empty);
        });
    }

    [TestCase(false, ExpectedResult = false)]
    [TestCase(true, ExpectedResult = true)]
    public async Task<bool> AnInterconnectCallerKeepsItsHeadersOnlyWhenTheRealmIsTrusted(bool trusted)
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint, trusted ? ["--Sip:TrustedRealms:0=interconnect"] : []);

        var forwarded = await ForwardedAsync(caller, callee, node.Interconnect, Domestic);

        var label = forwarded.Headers.All(HeaderNames.CallInfo).Contains(OwnLabel);
        var identity = forwarded.Headers.All(HeaderNames.PAssertedIdentity).Any(v => v.Contains("快递", StringComparison.Ordinal));
        Assert.That(identity, Is.EqualTo(label), "the label and the identity share one trust setting");
        return label;
    }

    [TestCase("access")]
    [TestCase("international")]
    [TestCase("elsewhere")]
    public void OnlyInterconnectCanBeTrusted(string realm)
    {
        var failure = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await ProxyingNode.StartAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9), $"--Sip:TrustedRealms:0={realm}"));

        Assert.That(failure!.Message, Does.Contain("Sip:TrustedRealms").And.Contain(realm));
    }

    private static async Task<SipRequest> ForwardedAsync(SipPeer caller, SipPeer callee, System.Net.IPEndPoint realm, string from)
    {
        var invite = caller.Invite(realm, from, Callee);
        invite.Headers.Add(HeaderNames.CallInfo, OwnLabel);
        invite.Headers.Add(HeaderNames.CallInfo, Origin);
        invite.Headers.Add(HeaderNames.PAssertedIdentity, $"\"顺丰快递\" <sip:{from}@{caller.EndPoint.Address};user=phone>");
        await caller.SendAsync(invite, realm);
        return await callee.NextAsync<SipRequest>(r => r.Method == "INVITE" && r.CallId == invite.CallId);
    }
}
