using System.Collections.Concurrent;
using System.Text;
using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>
/// A transaction key read from the top Via's bytes finds the key made from the parsed Via in a table (same hash, same
/// parts), so an ACK finds its INVITE's transaction without its branch becoming a string.
/// </summary>
public sealed class RawTransactionKeyTests
{
    private static SipRequest Parsed(string method, string via) => (SipRequest)ParsedText.Of(
        $"{method} sip:callee@192.0.2.1 SIP/2.0\r\n" +
        $"Via: {via}\r\n" +
        "From: <sip:caller@example.com>;tag=a\r\n" +
        "To: <sip:callee@example.com>\r\n" +
        "Call-ID: raw-key@example.com\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Max-Forwards: 70\r\n" +
        "Content-Length: 0\r\n\r\n");

    [TestCase("SIP/2.0/UDP Caller.Example:5062;branch=z9hG4bK-raw-1;rport")]
    [TestCase("SIP/2.0/UDP 203.0.113.25;rport;branch=z9hG4bK.raw.2, SIP/2.0/UDP 198.51.100.1;branch=z9hG4bK-below")]
    [TestCase("SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bKraw3")]
    public void AnAcksKeyFromBytesFindsItsInvitesKeyFromTheParsedVia(string via)
    {
        var invite = Parsed("INVITE", via);
        var parsedKey = TransactionKey.ForRequest(CopiedAsText(invite))!.Value;
        var table = new ConcurrentDictionary<TransactionKey, string>(TransactionKeyComparer.Instance) { [parsedKey] = "invite" };

        var found = RawTransactionKey.TryFor(Parsed("ACK", via), "INVITE", out var raw);

        Assert.That(found, Is.True, "the Via reads from its bytes");
        Assert.That(table.GetAlternateLookup<RawTransactionKey>().TryGetValue(raw, out var entry) ? entry : null, Is.EqualTo("invite"));
        Assert.That(raw.ToKey(), Is.EqualTo(parsedKey));
    }

    [Test]
    public void AnotherBranchIsAnotherKey()
    {
        var table = new ConcurrentDictionary<TransactionKey, string>(TransactionKeyComparer.Instance)
        {
            [TransactionKey.ForRequest(Parsed("INVITE", "SIP/2.0/UDP a.example;branch=z9hG4bK-one"))!.Value] = "one",
        };

        Assert.That(RawTransactionKey.TryFor(Parsed("ACK", "SIP/2.0/UDP a.example;branch=z9hG4bK-two"), "INVITE", out var raw), Is.True);
        Assert.That(table.GetAlternateLookup<RawTransactionKey>().TryGetValue(raw, out _), Is.False);
    }

    [Test]
    public void ABranchWithoutTheMagicCookieIsLeftToTheParsedPath()
    {
        Assert.That(RawTransactionKey.TryFor(Parsed("ACK", "SIP/2.0/UDP a.example;branch=old-style"), "INVITE", out _), Is.False);
    }

    /// <summary>The same request with its Via held as text, so that its key comes from the parsed Via.</summary>
    private static SipRequest CopiedAsText(SipRequest request)
    {
        var via = Encoding.ASCII.GetString(Encoding.ASCII.GetBytes(request.Headers[HeaderNames.Via]!));
        request.Headers.Set(HeaderNames.Via, via);
        Assert.That(RawTransactionKey.TryFor(request, "INVITE", out _), Is.False, "a Via held as text does not read from bytes");
        return request;
    }
}
