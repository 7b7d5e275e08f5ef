using System.Text.Json;
using Sip;

namespace Reference.Tests;

/// <summary>
/// The node as a transaction-stateful proxy, on real loopback sockets: intercepted calls answered through a server
/// transaction, admitted calls forwarded on client transactions (408 on timer B), CANCEL, Record-Route and load
/// shedding. Timer-bound tests shrink T1 so that 64·T1 is about a second.
/// </summary>
[NonParallelizable]
public sealed class StatefulNodeTests
{
    private const string Abroad = "+14155550123";
    private const string SpoofedChinese = "+8613812345678";
    private const string Callee = "13812345678";

    [Test]
    public async Task AnInterceptedCallIsRepeatedOnTimerGAndForgottenOnceAcknowledged()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint, "--Sip:T1Milliseconds=50");
        var invite = caller.Invite(node.International, SpoofedChinese, Callee);

        await caller.SendAsync(invite, node.International);
        var first = await caller.ResponseAsync(603);
        var repeated = await caller.ResponseAsync(603, within: TimeSpan.FromSeconds(2));
        await caller.SendAsync(SipPeer.SameTransaction(invite, "ACK", first), node.International);
        var metrics = await node.MetricsWhenAsync(m => Server(m) == 0, TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(repeated.Headers[HeaderNames.To], Is.EqualTo(first.Headers[HeaderNames.To]), "timer G repeats the same response");
            Assert.That(Server(metrics), Is.Zero, "the intercepted call's state ends with its ACK and timer I");
            Assert.That(callee.Seen, Is.Empty, "neither the INVITE nor its ACK is forwarded");
            Assert.That(caller.Seen.OfType<SipResponse>().Any(r => r.StatusCode == 100), Is.False, "an answer at once needs no 100 Trying");
        });
    }

    [Test]
    public async Task AnAdmittedCallIsForwardedAndItsRingingAndAnswerComeBack()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint);

        await caller.SendAsync(caller.Invite(node.International, Abroad, Callee), node.International);
        await caller.ResponseAsync(100);
        var forwarded = await callee.RequestAsync("INVITE");
        await callee.SendAsync(SipResponse.For(forwarded, 180, toTag: "callee"), node.International);
        await callee.SendAsync(SipResponse.For(forwarded, 200, toTag: "callee"), node.International);
        var ringing = await caller.ResponseAsync(180);
        var answer = await caller.ResponseAsync(200);
        var metrics = await node.MetricsWhenAsync(m => Server(m) == 0 && Client(m) == 0, TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(forwarded.Headers.All(HeaderNames.Via).Count(), Is.EqualTo(2));
            Assert.That(forwarded.Headers.Contains(HeaderNames.RecordRoute), Is.False, "Sip:RecordRoute is off by default");
            Assert.That(metrics.GetProperty("remembered").GetProperty("acceptedInvites").GetInt32(), Is.EqualTo(1), "the answered INVITE is recognised for 64·T1 (RFC 6026)");
            Assert.That(metrics.GetProperty("timers").GetProperty("armed").GetInt32(), Is.Positive, "the table's sweep is armed");
            Assert.That(ringing.Headers.All(HeaderNames.Via).Count(), Is.EqualTo(1));
            Assert.That(answer.Headers[HeaderNames.To], Does.Contain("tag=callee"));
            Assert.That(metrics.GetProperty("invite").GetProperty("admittedToForwarded").GetProperty("count").GetInt64(), Is.EqualTo(1));
            Assert.That(Server(metrics) + Client(metrics), Is.Zero);
        });
    }

    [Test]
    public async Task ACalleeThatNeverAnswersLeavesTheCallerWith408OnTimerB()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint, "--Sip:T1Milliseconds=20");

        await caller.SendAsync(caller.Invite(node.International, Abroad, Callee), node.International);
        var timedOut = await caller.ResponseAsync(408, within: TimeSpan.FromSeconds(10));
        var metrics = await node.MetricsAsync();

        Assert.That(timedOut.StatusCode, Is.EqualTo(408));
        Assert.That(callee.Seen.OfType<SipRequest>().Count(r => r.Method == "INVITE"), Is.GreaterThan(1), "timer A retransmitted the INVITE");
        Assert.That(metrics.GetProperty("timedOut").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task ACancelAfterRingingIsAnswered200PassedOnAndTheCallEndsWith487()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint);
        var invite = caller.Invite(node.International, Abroad, Callee);

        await caller.SendAsync(invite, node.International);
        var forwarded = await callee.RequestAsync("INVITE");
        await callee.SendAsync(SipResponse.For(forwarded, 180, toTag: "callee"), node.International);
        await caller.ResponseAsync(180);
        await caller.SendAsync(SipPeer.SameTransaction(invite, "CANCEL"), node.International);
        await caller.ResponseAsync(200, "CANCEL");
        var cancel = await callee.RequestAsync("CANCEL");
        await callee.SendAsync(SipResponse.For(cancel, 200), node.International);
        await callee.SendAsync(SipResponse.For(forwarded, 487, toTag: "callee"), node.International);
        var terminated = await caller.ResponseAsync(487);
        var ack = await callee.RequestAsync("ACK");

        Assert.That(cancel.TopVia!.Branch, Is.EqualTo(forwarded.TopVia!.Branch));
        Assert.That(ack.TopVia!.Branch, Is.EqualTo(forwarded.TopVia.Branch), "the node acknowledges the 487 hop by hop");
        Assert.That(terminated.Headers[HeaderNames.To], Does.Contain("tag=callee"));
    }

    [Test]
    public async Task WithRecordRouteTheForwardedInviteNamesTheRealmsAddress()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint, "--Sip:RecordRoute=true");

        await caller.SendAsync(caller.Invite(node.International, Abroad, Callee), node.International);
        var forwarded = await callee.RequestAsync("INVITE");

        Assert.That(forwarded.Headers[HeaderNames.RecordRoute], Is.EqualTo($"<sip:127.0.0.1:{node.International.Port};lr>"));
    }

    [Test]
    public async Task AnOverloadedNodeAnswersNewInvites503WithRetryAfterAndCountsThem()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await ProxyingNode.StartAsync(callee.EndPoint, "--Sip:MaxTransactions=1", "--Sip:RetryAfterSeconds=9");

        await caller.SendAsync(caller.Invite(node.International, Abroad, Callee), node.International);
        await callee.RequestAsync("INVITE");
        await caller.SendAsync(caller.Invite(node.International, Abroad, Callee), node.International);
        var shed = await caller.ResponseAsync(503);
        var metrics = await node.MetricsAsync();

        Assert.That(shed.Headers[HeaderNames.RetryAfter], Is.EqualTo("9"));
        Assert.That(metrics.GetProperty("overloadRejected").GetInt64(), Is.EqualTo(1));
        Assert.That(metrics.GetProperty("timerFaults").GetProperty("count").GetInt64(), Is.Zero, "no transaction timer threw");
        Assert.That(callee.Seen.OfType<SipRequest>().Select(r => r.CallId).Distinct().Count(), Is.EqualTo(1), "the shed call never reaches the callee");
    }

    private static int Server(JsonElement metrics) => metrics.GetProperty("transactions").GetProperty("server").GetInt32();

    private static int Client(JsonElement metrics) => metrics.GetProperty("transactions").GetProperty("client").GetInt32();
}
