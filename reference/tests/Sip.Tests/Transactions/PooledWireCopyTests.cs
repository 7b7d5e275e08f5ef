using Microsoft.Extensions.Time.Testing;
using Sip.Transactions;

namespace Sip.Tests.Transactions;

/// <summary>
/// A server transaction that pools its wire copy (its sender copies what it sends before returning) keeps the leased
/// array until it ends: other transactions lease and hand back arrays of the same size meanwhile, and none may be
/// handed one still to be sent again.
/// </summary>
public sealed class PooledWireCopyTests
{
    private const int Others = 50;
    private readonly FakeTimeProvider _time = new();

    [Test]
    public void ANonInviteAnswerRetransmittedAfterManyOthersEndedCarriesItsOwnBytes()
    {
        var sent = new List<string>();
        var first = Wire.Request("OPTIONS", "z9hG4bKfirst");
        using var transaction = new ServerNonInviteTransaction(first, message => sent.Add(message.ToString()), reliable: false, _time) { PoolsWireCopy = true };
        transaction.Respond(Wire.Response(first, 200));

        // Each of the others answers and ends (timer J), handing its array back.
        for (var other = 0; other < Others; other++)
        {
            var request = Wire.Request("OPTIONS", $"z9hG4bKother{other}");
            using var pooled = new ServerNonInviteTransaction(request, _ => { }, reliable: false, _time, new TransactionTimers { T1 = TimeSpan.FromMilliseconds(1) }) { PoolsWireCopy = true };
            pooled.Respond(Wire.Response(request, 200));
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        transaction.OnRetransmission();

        Assert.Multiple(() =>
        {
            Assert.That(transaction.State, Is.EqualTo(TransactionState.Completed), "timer J (64·T1) has not ended the first one");
            Assert.That(sent, Has.Count.EqualTo(2));
            Assert.That(sent[1], Is.EqualTo(sent[0]));
        });
    }
}
