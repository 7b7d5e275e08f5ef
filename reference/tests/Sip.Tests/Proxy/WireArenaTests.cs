using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sip.Proxy;
using Sip.Tests.Transactions;
using Sip.Transactions;

namespace Sip.Tests.Proxy;

/// <summary>The lean tables' answers: packed into shared chunks, each read back byte for byte.</summary>
public sealed class WireArenaTests
{
    [Test]
    public void AnswersPackedAcrossChunksEachComeBackAsTheyWereWritten()
    {
        var arena = new WireArena();
        var answers = Enumerable.Range(0, 2_000).Select(Answer).ToList();

        var kept = answers.Select(arena.Keep).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(kept.Select(k => Encoding.UTF8.GetString(k.Span)), Is.EqualTo(answers.Select(a => a.ToString())));
            Assert.That(kept.Select(Chunk).Distinct().Count(), Is.GreaterThan(1), "two thousand answers fill more than one chunk");
            Assert.That(kept.Take(100).Select(Chunk).Distinct().Count(), Is.EqualTo(1), "answers share a chunk rather than an array each");
        });
    }

    [Test]
    public void AMessageLargerThanASixteenthOfAChunkGetsAnArrayOfItsOwn()
    {
        var arena = new WireArena();
        var small = arena.Keep(Answer(1));
        var large = Answer(2);
        large.Body = new byte[WireArena.ChunkBytes / 8];

        var kept = arena.Keep(large);

        Assert.Multiple(() =>
        {
            Assert.That(kept.ToArray(), Is.EqualTo(large.ToBytes()));
            Assert.That(Chunk(kept), Is.Not.SameAs(Chunk(small)));
            Assert.That(Chunk(kept).Length, Is.EqualTo(kept.Length));
        });
    }

    [Test]
    public void AKeptAnswerIsACopyThatLaterChangesToTheMessageDoNotReach()
    {
        var answer = Answer(7);
        var before = answer.ToString();
        var kept = new WireArena().Keep(answer);

        answer.Headers.Set("Call-ID", "changed-afterwards");

        Assert.That(Encoding.UTF8.GetString(kept.Span), Is.EqualTo(before));
    }

    [Test]
    public void AWireViewReadsItsStartLineBackAndWritesExactlyItsBytes()
    {
        var response = Answer(3);
        var request = Wire.Request("ACK");

        var responseView = SipMessage.OfWire(response.ToBytes());
        var requestView = SipMessage.OfWire(request.ToBytes());

        Assert.Multiple(() =>
        {
            Assert.That(responseView, Is.TypeOf<SipResponse>());
            Assert.That(((SipResponse)responseView).StatusCode, Is.EqualTo(603));
            Assert.That(((SipResponse)responseView).ReasonPhrase, Is.EqualTo("Decline"));
            Assert.That(responseView.ToString(), Is.EqualTo(response.ToString()));
            Assert.That(requestView, Is.TypeOf<SipRequest>());
            Assert.That(((SipRequest)requestView).Method, Is.EqualTo("ACK"));
            Assert.That(((SipRequest)requestView).RequestUri, Is.EqualTo(request.RequestUri));
            Assert.That(requestView.ToBytes(), Is.EqualTo(request.ToBytes()));
        });
    }

    [Test]
    public void ALingeringTableAnswersWithTheBytesItWasGivenEvenAfterTheAnswerChanged()
    {
        var time = new FakeTimeProvider();
        var table = new LingeringTable(TimerWheel.For(time), time, TimeSpan.FromSeconds(5));
        var key = new TransactionKey("z9hG4bK-arena", "127.0.0.1:5060", "INVITE");
        var answer = Answer(9);
        var sent = answer.ToString();

        table.Remember(key, answer);
        answer.Headers.Set("Call-ID", "reused-object");
        var found = table.TryGet(key, out var lingering);

        Assert.That(found, Is.True);
        Assert.That(Encoding.UTF8.GetString(lingering.Answer.Span), Is.EqualTo(sent));
    }

    private static SipResponse Answer(int call)
    {
        var response = SipResponse.For(Wire.Request("INVITE", $"z9hG4bK-{call}"), 603);
        response.Headers.Set("Call-ID", $"call-{call}@example.com");
        return response;
    }

    private static byte[] Chunk(ReadOnlyMemory<byte> kept) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(kept, out var segment) ? segment.Array! : throw new AssertionException("not an array");
}
