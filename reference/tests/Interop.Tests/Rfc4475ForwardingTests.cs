using System.Globalization;
using System.Text;
using Interop.Tests.Raw;
using Screening;
using Sip;
using Sip.Tests;

namespace Interop.Tests;

/// <summary>
/// Every valid message of RFC 4475 §3.1.1, sent byte for byte to the node over UDP and TCP, reaches its next hop with
/// what the wire said intact; the two responses (§3.1.1.12 and .13) come back from the next hop to the caller. Each
/// request gets one Via of the test's own on top, so that the node's answers stay on loopback: the messages name
/// documentation addresses.
/// </summary>
[NonParallelizable]
public sealed class Rfc4475ForwardingTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private static readonly SipParser Parser = new();

    // The messages' callers are names, not numbers: this checks SIP, not policy, so no screening rule may refuse them.
    private static readonly string[] NoScreening = typeof(Screening.Rules.RuleIds).GetFields()
        .Select((field, i) => $"--Screening:DisabledRules:{i.ToString(CultureInfo.InvariantCulture)}={field.GetValue(null)}").ToArray();

    public static IEnumerable<TestCaseData> Messages() =>
        from data in TortureMessages.Valid()
        where data.TestName!.StartsWith("Accepts RFC 4475 3.1.1.", StringComparison.Ordinal)
        from transport in new[] { "udp", "tcp" }
        select new TestCaseData((string)data.Arguments[0]!, transport).SetName($"{data.TestName![8..]} is forwarded over {transport}");

    [Test]
    public void EveryValidMessageOfTheRfcIsCovered() =>
        Assert.That(Messages().Count(), Is.EqualTo(13 * 2), "RFC 4475 §3.1.1 lists 13 valid messages");

    [TestCaseSource(nameof(Messages))]
    public async Task TheNodeForwardsIt(string text, string transport)
    {
        await using var nextHop = RawSipEnd.Listen(transport);
        await using var node = await NodeUnderTest.StartAsync(nextHop.EndPoint.Port, transport, [.. NoScreening, "--Sip:T1Milliseconds=50"]);
        var entry = node.Endpoint(Realm.Interconnect);
        await using var caller = await RawSipEnd.ConnectAsync(transport, entry);
        var original = Parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true).Message!;

        if (original is SipResponse response)
        {
            await ResponseComesBackAsync(response, text, transport, caller, nextHop, entry);
            return;
        }

        var request = (SipRequest)original;
        await caller.SendAsync(WithOwnVia(text, transport, caller, nextHop), entry);
        var forwarded = await nextHop.NextAsync<SipRequest>(r => r.CallId == request.CallId, Within);

        Assert.That(forwarded, Is.Not.Null, $"the next hop never received the {request.Method}");
        Assert.Multiple(() =>
        {
            Assert.That(forwarded!.Method, Is.EqualTo(request.Method));
            Assert.That(forwarded.RequestUri, Is.EqualTo(request.RequestUri));
            foreach (var name in new[] { HeaderNames.To, HeaderNames.From, HeaderNames.CSeq, HeaderNames.Contact, HeaderNames.ContentType })
            {
                Assert.That(forwarded.Headers.All(name), Is.EqualTo(request.Headers.All(name)), name);
            }

            Assert.That(forwarded.Headers.All(HeaderNames.Via).Count(), Is.EqualTo(request.Headers.All(HeaderNames.Via).Count() + 2), "the node's Via and the test's on top of the message's own");
            Assert.That(forwarded.Body.ToArray(), Is.EqualTo(request.Body.ToArray()));
        });
    }

    /// <summary>The response is the next hop's answer to a request the caller sent through the node: its status line and headers as the RFC gives them, its transaction the request's.</summary>
    private static async Task ResponseComesBackAsync(SipResponse response, string text, string transport, RawSipEnd caller, RawSipEnd nextHop, System.Net.IPEndPoint entry)
    {
        var method = response.CSeq!.Value.Method;
        var cseq = response.CSeq.Value.Sequence.ToString(CultureInfo.InvariantCulture);
        var request = TortureMessages.Head(
            $"{method} sip:user@example.edu SIP/2.0",
            $"Via: SIP/2.0/{transport.ToUpperInvariant()} {caller.EndPoint};branch=z9hG4bK-rfc4475-{Guid.NewGuid():N};rport",
            "Max-Forwards: 70",
            $"From: {response.Headers[HeaderNames.From]}",
            $"To: {response.Headers[HeaderNames.To]!.Split(";tag=")[0]}",
            $"Call-ID: {response.CallId}",
            $"CSeq: {cseq} {method}",
            "Contact: <sip:user@127.0.0.1>",
            "Content-Length: 0");
        await caller.SendAsync(Encoding.UTF8.GetBytes(request), entry);
        var forwarded = await nextHop.NextAsync<SipRequest>(r => r.CallId == response.CallId, Within);
        Assert.That(forwarded, Is.Not.Null, "the next hop never received the request to answer");

        // The RFC's response with the forwarded request's Vias in place of its own.
        var lines = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        var answer = TortureMessages.Head(
        [
            lines[0],
            .. forwarded!.Headers.All(HeaderNames.Via).Select(v => "Via: " + v),
            .. lines.Skip(1).Where(l => !l.StartsWith("Via:", StringComparison.OrdinalIgnoreCase)),
        ]);
        await nextHop.SendAsync(Encoding.UTF8.GetBytes(answer));
        if (response.StatusCode == 100)
        {
            await TryingStopsRetransmissionsAsync(nextHop, response.CallId!);
            return;
        }

        var relayed = await caller.NextAsync<SipResponse>(r => r.CallId == response.CallId && r.StatusCode == response.StatusCode, Within);

        Assert.That(relayed, Is.Not.Null, $"the {response.StatusCode} never came back to the caller");
        Assert.That(relayed!.ReasonPhrase, Is.EqualTo(response.ReasonPhrase));
        Assert.That(relayed.Headers.All(HeaderNames.Via).Count(), Is.EqualTo(1), "only the caller's Via is left");
    }

    /// <summary>
    /// A 100 is hop by hop (§16.7 step 3): it never reaches the caller, so that the node read it shows as timer A
    /// stopping. Retransmissions already on their way are drained first.
    /// </summary>
    private static async Task TryingStopsRetransmissionsAsync(RawSipEnd nextHop, string callId)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        while (await nextHop.NextAsync<SipMessage>(_ => true, TimeSpan.FromMilliseconds(20)) is not null)
        {
        }

        var retransmitted = await nextHop.NextAsync<SipRequest>(r => r.CallId == callId, TimeSpan.FromSeconds(1.5));

        Assert.That(retransmitted, Is.Null, "the INVITE is still retransmitted, so its 100 was not taken");
    }

    /// <summary>The message with the test's Via above its first: the message's own name documentation addresses, where nothing may be sent.</summary>
    private static byte[] WithOwnVia(string text, string transport, RawSipEnd caller, RawSipEnd nextHop)
    {
        // §3.1.1.11 is loose-routed to a fixed loopback port: the next hop is the test's.
        text = text.Replace("Route: <sip:127.0.0.1:5080>", $"Route: <sip:{nextHop.EndPoint};lr>", StringComparison.Ordinal);
        var firstLineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        var via = $"\r\nVia: SIP/2.0/{transport.ToUpperInvariant()} {caller.EndPoint};branch=z9hG4bK-rfc4475-{Guid.NewGuid():N};rport";
        return Encoding.UTF8.GetBytes(text.Insert(firstLineEnd, via));
    }
}
