using System.Text;

namespace Sip.Tests;

public sealed class SipParserTests
{
    private readonly SipParser _parser = new();

    [Test]
    public void ParsesTheHeadersAndBodyOfAnInvite()
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        var invite = (SipRequest)result.Message!;
        Assert.Multiple(() =>
        {
            Assert.That(invite.Method, Is.EqualTo("INVITE"));
            Assert.That(invite.From!.DisplayName, Is.EqualTo("Caller"));
            Assert.That(invite.From.Uri.Number, Is.EqualTo("+14155550123"));
            Assert.That(invite.From.Tag, Is.EqualTo("1928301774"));
            Assert.That(invite.CSeq, Is.EqualTo(new CSeqHeader(314159, "INVITE")));
            Assert.That(invite.TopVia!.Branch, Is.EqualTo("z9hG4bK776asdhds"));
            Assert.That(invite.TopVia.Parameters.Contains("rport"), Is.True);
            Assert.That(Encoding.ASCII.GetString(invite.Body.Span), Is.EqualTo("v=0\n"));
        });
    }

    [Test]
    public void CompactHeaderNamesAreTheLongNames()
    {
        var compact = SipMessages.Invite
            .Replace("Via:", "v:", StringComparison.Ordinal).Replace("To:", "t:", StringComparison.Ordinal)
            .Replace("From:", "f:", StringComparison.Ordinal).Replace("Call-ID:", "i:", StringComparison.Ordinal)
            .Replace("Content-Length:", "l:", StringComparison.Ordinal);

        var result = _parser.Parse(Encoding.UTF8.GetBytes(compact), datagram: true);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Complete), result.Detail);
        Assert.That(result.Message!.CallId, Is.EqualTo("a84b4c76e66710@pc33.example.com"));
    }

    [Test]
    public void FoldedHeaderLinesAreJoined()
    {
        var folded = SipMessages.Invite.Replace("Subject", "x", StringComparison.Ordinal)
            .Replace("Max-Forwards: 70\r\n", "Subject: I know you're there,\r\n pick up the phone\r\nMax-Forwards: 70\r\n", StringComparison.Ordinal);

        var result = _parser.Parse(Encoding.UTF8.GetBytes(folded), datagram: true);

        Assert.That(result.Message!.Headers[HeaderNames.Subject], Is.EqualTo("I know you're there, pick up the phone"));
    }

    [TestCaseSource(typeof(SipMessages), nameof(SipMessages.Invalid))]
    public void RejectsWithTheMappedStatus(string text, SipParseError error, int status)
    {
        var result = _parser.Parse(Encoding.UTF8.GetBytes(text), datagram: true);

        Assert.That(result.Status, Is.EqualTo(SipParseStatus.Rejected));
        Assert.That(result.Error, Is.EqualTo(error), result.Detail);
        Assert.That(result.Error.ToStatusCode(), Is.EqualTo(status));
    }

    [Test]
    public void EveryPrefixOfAStreamMessageIsIncomplete()
    {
        var bytes = Encoding.UTF8.GetBytes(SipMessages.Invite);
        for (var length = 0; length < bytes.Length; length++)
        {
            var result = _parser.Parse(bytes.AsSpan(0, length), datagram: false);
            Assert.That(result.Status, Is.EqualTo(SipParseStatus.Incomplete), $"prefix of {length} bytes");
        }

        Assert.That(_parser.Parse(bytes, datagram: false).Status, Is.EqualTo(SipParseStatus.Complete));
    }

    [Test]
    public void PipelinedStreamMessagesAreReadOneAtATime()
    {
        var bytes = Encoding.UTF8.GetBytes("\r\n\r\n" + SipMessages.Invite + SipMessages.Invite);

        var first = _parser.Parse(bytes, datagram: false);
        var second = _parser.Parse(bytes.AsSpan(first.Consumed), datagram: false);

        Assert.That(first.Status, Is.EqualTo(SipParseStatus.Complete));
        Assert.That(second.Status, Is.EqualTo(SipParseStatus.Complete));
        Assert.That(first.Consumed + second.Consumed, Is.EqualTo(bytes.Length));
    }

    [Test]
    public void SerializingThenParsingKeepsTheMessage()
    {
        var original = (SipRequest)_parser.Parse(Encoding.UTF8.GetBytes(SipMessages.Invite), datagram: true).Message!;

        var again = (SipRequest)_parser.Parse(original.ToBytes(), datagram: true).Message!;

        Assert.That(again.ToString(), Is.EqualTo(original.ToString()));
        Assert.That(again.Headers.Select(h => h.Name), Is.EqualTo(original.Headers.Select(h => h.Name)));
    }
}
