using System.Text;

namespace Sip.Tests;

/// <summary>RFC 4475 categories, datagram and stream mode, and the every-prefix-is-incomplete rule for streams.</summary>
public sealed class TortureTests
{
    // The parser as a proxy uses it: Proxy-Require is checked (a user agent's parser ignores it).
    private readonly SipParser _parser = new(SipParserOptions.Proxy);

    [TestCaseSource(typeof(TortureMessages), nameof(TortureMessages.Valid))]
    public void ValidMessagesParse(string text, Func<SipMessage, bool> check)
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        Assert.That(check(result.Message!), Is.True, "the parsed message does not hold what the wire said");
    }

    [TestCaseSource(typeof(TortureMessages), nameof(TortureMessages.Valid))]
    public void EveryPrefixOfAValidStreamMessageIsIncomplete(string text, Func<SipMessage, bool> check)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var whole = _parser.Parse(bytes, datagram: false);
        Assert.That(whole.Status, Is.EqualTo(SipParseStatus.Complete), whole.Detail);
        Assert.That(check(whole.Message!), Is.True);

        for (var length = 0; length < whole.Consumed; length++)
        {
            var prefix = _parser.Parse(bytes.AsSpan(0, length), datagram: false);
            if (prefix.Status != SipParseStatus.Incomplete)
            {
                Assert.Fail($"a prefix of {length} of {whole.Consumed} bytes gave {prefix.Status} ({prefix.Detail})");
            }
        }
    }

    [TestCaseSource(typeof(TortureMessages), nameof(TortureMessages.Invalid))]
    public void InvalidMessagesAreRejectedWithTheMappedStatus(string text, SipParseError error, int status)
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Rejected));
        Assert.That(result.Error, Is.EqualTo(error), result.Detail);
        Assert.That(result.Error.ToStatusCode(), Is.EqualTo(status));
    }

    [TestCaseSource(typeof(TortureMessages), nameof(TortureMessages.Invalid))]
    public void InvalidMessagesNeverCompleteOnAStream(string text, SipParseError error, int status)
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(text), datagram: false);

        Assert.That(result.Status, Is.Not.EqualTo(SipParseStatus.Complete), $"expected {error} ({status})");
    }

    [Test]
    public void ARejectedRequestWithReadableHeadersCarriesTheMessageSoItCanBeAnswered()
    {
        var text = TortureMessages.Head(TortureMessages.Basic("OPTIONS", "Content-Length: 0", "OPTIONS sip:t.watson@example.org SIP/7.0"));

        var result = _parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true);

        Assert.That(result.Message, Is.InstanceOf<SipRequest>());
        Assert.That(result.Message!.CallId, Is.EqualTo("basic.0ha0isndaksdj@192.0.2.15"));
    }

    [Test]
    public void UnsupportedProxyRequireTagsAreListedForThe420()
    {
        var text = TortureMessages.Head([.. TortureMessages.Basic("OPTIONS", "Content-Length: 0"), "Proxy-Require: foo, bar"]);
        var message = _parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true).Message!;

        Assert.That(_parser.UnsupportedProxyRequire(message), Is.EqualTo(new[] { "foo", "bar" }));
    }

    [Test]
    public void ASupportedProxyRequireTagIsAccepted()
    {
        var parser = new SipParser(new SipParserOptions { SupportedProxyRequire = new HashSet<string>(["foo"], StringComparer.OrdinalIgnoreCase) });
        var text = TortureMessages.Head([.. TortureMessages.Basic("OPTIONS", "Content-Length: 0"), "Proxy-Require: FOO"]);

        Assert.That(parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true).Status, Is.EqualTo(SipParseStatus.Complete));
    }

    [Test]
    public void AUserAgentsParserIgnoresProxyRequire()
    {
        var text = TortureMessages.Head([.. TortureMessages.Basic("OPTIONS", "Content-Length: 0"), "Proxy-Require: foo"]);

        Assert.That(new SipParser().Parse(Encoding.UTF8.GetBytes(text), datagram: true).Status, Is.EqualTo(SipParseStatus.Complete));
    }

    [Test]
    public void AStreamSplitAcrossSegmentsParsesAsOne()
    {
        var bytes = Encoding.UTF8.GetBytes(SipMessages.Invite);
        var first = new Segment(bytes.AsMemory(0, 100));
        var last = first.Append(bytes.AsMemory(100));
        var sequence = new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        var result = _parser.Parse(sequence, datagram: false);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        Assert.That(result.Consumed, Is.EqualTo(bytes.Length));
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
