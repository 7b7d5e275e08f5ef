using System.Runtime.InteropServices;
using System.Text;

namespace Sip.Tests;

/// <summary>
/// A parsed message holds one pooled copy of its bytes: its raw header values and its body are slices of it until
/// it is released. Clones share the copy, so the buffer may only go back when the last holder lets go.
/// </summary>
public sealed class MessageBufferTests
{
    private const string Invite =
        "INVITE sip:13812345678@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 203.0.113.25:5060;branch=z9hG4bK-own-1\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:02088881234@example.com>;tag=own-1\r\n" +
        "To: <sip:13812345678@example.com>\r\n" +
        "Call-ID: own-1@example.com\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Subject: first\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 10\r\n\r\n" +
        "v=0\r\ns=-\r\n";

    private readonly SipParser _parser = new();

    [Test]
    public void HeadersReadBeforeReleaseStayReadableAndTheRestSayHowToFixTheMisuse()
    {
        var message = Parse(Invite);
        var callId = message.CallId;

        message.Release();

        Assert.Multiple(() =>
        {
            Assert.That(callId, Is.EqualTo("own-1@example.com"));
            Assert.That(message.CallId, Is.EqualTo("own-1@example.com"), "a value read once is kept as a string");
            Assert.That(message.Body.IsEmpty, Is.True, "the body pointed into the released buffer");
            Assert.That(() => message.Headers[HeaderNames.Subject],
                Throws.InvalidOperationException.With.Message.Contains("before calling SipMessage.Release"));
        });
    }

    [Test]
    public void AReleasedBufferIsReusedForTheNextMessage()
    {
        var first = Parse(Invite);
        var firstArray = ArrayOf(first.Body);
        first.Release();

        var second = Parse(Invite.Replace("Subject: first", "Subject: again", StringComparison.Ordinal));

        Assert.That(ArrayOf(second.Body), Is.SameAs(firstArray));
    }

    [Test]
    public void ACloneKeepsTheBufferUntilItIsReleasedToo()
    {
        var original = (SipRequest)Parse(Invite);
        var clone = original.Clone();
        var array = ArrayOf(original.Body);
        original.Release();

        // The next parse would reuse the buffer if the clone no longer held it, and overwrite what the clone reads.
        var other = Parse(Invite.Replace("Subject: first", "Subject: XXXXX", StringComparison.Ordinal).Replace("v=0", "v=9", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(ArrayOf(other.Body), Is.Not.SameAs(array));
            Assert.That(clone.Headers[HeaderNames.Subject], Is.EqualTo("first"));
            Assert.That(Encoding.ASCII.GetString(clone.Body.Span), Is.EqualTo("v=0\r\ns=-\r\n"));
            Assert.That(clone.ToString(), Is.EqualTo(Invite));
        });

        other.Release();
        clone.Release();
        Assert.That(ArrayOf(Parse(Invite).Body), Is.SameAs(array), "after the last holder let go, the buffer is back in the pool");
    }

    [Test]
    public void ReleasingTwiceOrReleasingABuiltMessageChangesNothing()
    {
        var built = new SipRequest { Method = "OPTIONS", RequestUri = "sip:node.example.com" };
        built.Headers.Add(HeaderNames.CallId, "built-1");
        built.Body = "hello"u8.ToArray();
        var parsed = Parse(Invite);
        var callId = parsed.CallId;

        built.Release();
        parsed.Release();
        parsed.Release();

        Assert.Multiple(() =>
        {
            Assert.That(built.CallId, Is.EqualTo("built-1"));
            Assert.That(built.Body.ToArray(), Is.EqualTo("hello"u8.ToArray()));
            Assert.That(parsed.CallId, Is.EqualTo(callId));
        });
    }

    [Test]
    public void TheMessageDoesNotReadTheCallersBufferAfterParsing()
    {
        var bytes = Encoding.ASCII.GetBytes(Invite);
        var message = Parse(bytes);

        // The transport reuses its receive buffer for the next datagram at once.
        Array.Fill(bytes, (byte)'#');

        Assert.That(message.ToString(), Is.EqualTo(Invite));
    }

    private SipMessage Parse(string text) => Parse(Encoding.ASCII.GetBytes(text));

    private SipMessage Parse(byte[] bytes)
    {
        var result = _parser.Parse(bytes, datagram: true);
        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        return result.Message!;
    }

    private static byte[] ArrayOf(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) ? segment.Array! : throw new AssertionException("the body is not array-backed");
}
