using Reference.Signalling;
using Screening;

namespace Reference.Tests;

/// <summary>Calls the node forgets without seeing their end are reported to the observers as abandoned.</summary>
public sealed class AbandonedCallTests
{
    [Test]
    public void ForgottenCallsAreReportedAsAbandoned()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        var observer = new RecordingObserver();
        var calls = new ActiveCalls([observer], clock);
        // The node sweeps its table only once it is large; fill it past that size with calls that never end.
        const int Stale = 10_000;
        for (var i = 0; i < Stale; i++)
        {
            calls.Screened(Call($"stale-{i}", clock.GetUtcNow()), ScreeningDecision.Forward);
        }

        clock.Now += ActiveCalls.Lifetime + TimeSpan.FromMinutes(2);
        calls.Screened(Call("fresh", clock.GetUtcNow()), ScreeningDecision.Forward);

        Assert.Multiple(() =>
        {
            Assert.That(observer.Abandoned, Has.Count.EqualTo(Stale));
            Assert.That(observer.Abandoned, Does.Not.Contain("fresh"));
            Assert.That(calls.Count, Is.EqualTo(1));
        });
    }

    private static CallAttempt Call(string id, DateTimeOffset at) => new(Realm.Interconnect, "13712345678", null, "13612345678", "198.51.100.1:5060", id, at);

    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RecordingObserver : ICallObserver
    {
        public List<string> Abandoned { get; } = [];

        public void OnScreened(CallAttempt call, ScreeningDecision decision)
        {
        }

        public void OnAlerting(CallAttempt call, DateTimeOffset at)
        {
        }

        public void OnAnswered(CallAttempt call, DateTimeOffset at)
        {
        }

        public void OnEnded(CallAttempt call, CallEnd end, DateTimeOffset at)
        {
            if (end == CallEnd.Abandoned)
            {
                Abandoned.Add(call.CallId);
            }
        }
    }
}
