using System.Globalization;
using System.Text;
using Interop.Tests.Raw;
using Screening;
using Sip;
using Sip.Tests;

namespace Interop.Tests;

/// <summary>
/// Every invalid message of RFC 4475 §3.1.2 the node refuses, sent byte for byte to the node over UDP and TCP, is answered with the
/// RFC's code (400, or 505 for the unknown version) or dropped, never forwarded; and the node still forwards a
/// well-formed INVITE right after it. Requests get one Via of the test's own on top and responses have their Vias
/// moved to loopback, so that nothing the node sends leaves loopback: the messages name documentation addresses.
/// </summary>
[NonParallelizable]
public sealed class Rfc4475RefusalTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public static IEnumerable<TestCaseData> Messages() =>
        from data in TortureMessages.Invalid()
        where data.TestName!.StartsWith("Rejects RFC 4475 3.1.2.", StringComparison.Ordinal)
        from transport in new[] { "udp", "tcp" }
        select new TestCaseData((string)data.Arguments[0]!, (int)data.Arguments[2]!, transport)
            .SetName($"{data.TestName![8..]} is refused over {transport} and the node lives on");

    /// <summary>
    /// 18 of the 19 are refused; §3.1.2.12 (a Date with a non-GMT zone) may be accepted, the RFC says, by an element to
    /// which the Date does not matter, as the node's is: it is among the accepted messages instead.
    /// </summary>
    [Test]
    public void EveryInvalidMessageOfTheRfcIsCovered() =>
        Assert.Multiple(() =>
        {
            Assert.That(Messages().Select(m => m.TestName![..m.TestName!.IndexOf(' ', 16)]).Distinct().Count(), Is.EqualTo(18));
            Assert.That(TortureMessages.Valid().Count(d => d.TestName!.StartsWith("Accepts RFC 4475 3.1.2.12 ", StringComparison.Ordinal)), Is.EqualTo(1));
        });

    [TestCaseSource(nameof(Messages))]
    public async Task TheNodeRefusesItAndLivesOn(string text, int status, string transport)
    {
        await using var nextHop = RawSipEnd.Listen(transport);
        await using var node = await NodeUnderTest.StartAsync(nextHop.EndPoint.Port, transport, "--Sip:T1Milliseconds=50");
        var entry = node.Endpoint(Realm.Interconnect);
        var isResponse = text.StartsWith("SIP/", StringComparison.Ordinal);

        await using (var caller = await RawSipEnd.ConnectAsync(transport, entry))
        {
            await caller.SendAsync(isResponse ? ViasOnLoopback(text) : WithOwnVia(text, transport, caller), entry);
            var answer = await caller.NextAsync<SipResponse>(_ => true, Quiet);
            var forwarded = await nextHop.NextAsync<SipMessage>(_ => true, TimeSpan.FromMilliseconds(200));

            Assert.Multiple(() =>
            {
                Assert.That(answer?.StatusCode ?? status, Is.EqualTo(status), "answered, then with the RFC's code");
                Assert.That(forwarded, Is.Null, "an invalid message is never forwarded");
            });
        }

        await using var next = await RawSipEnd.ConnectAsync(transport, entry);
        var callId = $"alive-{Guid.NewGuid():N}@127.0.0.1";
        await next.SendAsync(Encoding.UTF8.GetBytes(TortureMessages.Head(
            "INVITE sip:user@example.com SIP/2.0",
            $"Via: SIP/2.0/{transport.ToUpperInvariant()} {next.EndPoint};branch=z9hG4bK-alive-{Guid.NewGuid():N};rport",
            "Max-Forwards: 70",
            "From: <sip:+8613812345678@127.0.0.1>;tag=alive",
            "To: <sip:+8613912345678@example.com>",
            $"Call-ID: {callId}",
            "CSeq: 1 INVITE",
            "Contact: <sip:+8613812345678@127.0.0.1>",
            "Content-Length: 0")), entry);

        Assert.That(await nextHop.NextAsync<SipRequest>(r => r.CallId == callId, Within), Is.Not.Null, "the node no longer forwards a good INVITE");
    }

    private static byte[] WithOwnVia(string text, string transport, RawSipEnd caller)
    {
        var firstLineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        var via = $"\r\nVia: SIP/2.0/{transport.ToUpperInvariant()} {caller.EndPoint};branch=z9hG4bK-refused-{Guid.NewGuid():N};rport";
        return Encoding.UTF8.GetBytes(text.Insert(firstLineEnd, via));
    }

    /// <summary>The response with each Via naming a loopback port nothing listens on (the discard port), the rest as the RFC gives it.</summary>
    private static byte[] ViasOnLoopback(string text) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", text.Split("\r\n").Select((line, i) =>
            line.StartsWith("Via:", StringComparison.OrdinalIgnoreCase)
                ? string.Create(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-refused-{i}")
                : line)));
}
