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
        var found = table.TryGetAnswer(key, out var resend);

        Assert.That(found, Is.True);
        Assert.That(resend.Answer!.ToString(), Is.EqualTo(sent));
    }

    [Test]
    public void ChunksBeforeAMarkAreTakenAgainAndTheOneBeingFilledIsKept()
    {
        var arena = new WireArena();
        var first = arena.Keep(Answer(1));
        var firstMark = arena.Mark;
        var kept = new List<ReadOnlyMemory<byte>> { first };
        while (arena.ChunksTaken < 3)
        {
            kept.Add(arena.Keep(Answer(kept.Count)));
        }

        var thirdMark = arena.Mark;
        var firstTwo = kept.Select(Chunk).Distinct().Take(2).ToList();
        arena.ReleaseBefore(firstMark);
        var afterNothing = arena.ChunksTaken;
        arena.ReleaseBefore(thirdMark);
        var afterTwo = arena.ChunksTaken;
        arena.ReleaseBefore(thirdMark + 10);
        var afterAll = arena.ChunksTaken;
        while (arena.Mark == thirdMark)
        {
            kept.Add(arena.Keep(Answer(kept.Count)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(afterNothing, Is.EqualTo(3), "nothing lies before the first chunk");
            Assert.That(afterTwo, Is.EqualTo(1), "the first two chunks go back");
            Assert.That(afterAll, Is.EqualTo(1), "the chunk being filled stays");
            Assert.That(firstTwo.Any(chunk => ReferenceEquals(chunk, Chunk(kept[^1]))), Is.True, "the next chunk is one given back, not a new one");
        });
    }

    [Test]
    public void ATableThatEmptiedKeepsAsManyChunksAsItHeldAndTakesThemAgain()
    {
        const int held = 24;
        var arena = new WireArena();
        var kept = new List<ReadOnlyMemory<byte>>();
        while (arena.ChunksTaken < held)
        {
            kept.Add(arena.Keep(Answer(kept.Count)));
        }

        var chunks = kept.Select(Chunk).Distinct().ToHashSet(ReferenceEqualityComparer.Instance);

        // Every entry's time is up (a lull): all but the chunk being filled go back, and are kept.
        arena.ReleaseBefore(arena.Mark + 1);
        var spare = arena.ChunksSpare;
        var refilled = new List<ReadOnlyMemory<byte>>();
        while (arena.ChunksTaken < held)
        {
            refilled.Add(arena.Keep(Answer(refilled.Count)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(spare, Is.EqualTo(held - 1), "every chunk given back is kept, past the sixteen kept before");
            Assert.That(refilled.Select(Chunk).All(chunks.Contains), Is.True, "filling again takes no new chunk");
        });
    }

    [Test]
    public void AKeyRememberedAgainIsFoundAfterItsFirstTextIsWrittenOver()
    {
        var time = new FakeTimeProvider();
        var table = new LingeringTable(TimerWheel.For(time), time, TimeSpan.FromSeconds(5));
        var again = new TransactionKey("z9hG4bK-again", "127.0.0.1:5060", "INVITE");
        table.Remember(again, Answer(0));
        for (var call = 1; call < 2_000; call++)
        {
            table.Remember(new TransactionKey($"z9hG4bK-first-{call}", "127.0.0.1:5060", "INVITE"), Answer(call));
        }

        // Remembered again later: its new text is in a later chunk, and the first entry's time is up before its own.
        time.Advance(TimeSpan.FromSeconds(3));
        var latest = Answer(9_999);
        var latestText = latest.ToString();
        table.Remember(again, latest);
        time.Advance(TimeSpan.FromSeconds(2.5));

        // The first chunks went back when their entries' time was up; these overwrite them.
        for (var call = 0; call < 2_000; call++)
        {
            table.Remember(new TransactionKey($"z9hG4bK-then-{call}", "127.0.0.1:5060", "INVITE"), Answer(call));
        }

        var found = table.TryGetAnswer(again, out var resend);

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.True);
            Assert.That(resend.Answer!.ToString(), Is.EqualTo(latestText));
            Assert.That(table.Contains(new TransactionKey("z9hG4bK-first-7", "127.0.0.1:5060", "INVITE")), Is.False);
            Assert.That(table.Count, Is.EqualTo(2_001));
        });
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
