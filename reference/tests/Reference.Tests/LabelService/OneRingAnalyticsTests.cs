using Labelling;
using Labelling.Appeals;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reference.LabelService;
using Reference.Storage;
using Screening;
using Screening.Rules;

namespace Reference.Tests.LabelService;

/// <summary>
/// A one-ring flag the store refuses is not lost: <see cref="OneRingAnalytics"/> writes it again, each time after a
/// longer wait, until the store keeps it; meanwhile the caller's further one-ring calls start no write of their own.
/// </summary>
public sealed class OneRingAnalyticsTests
{
    private const string Caller = "13811112222";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void AFlagTheStoreRefusesIsWrittenAgainUntilItIsKept()
    {
        var time = new FakeTimeProvider(T0);
        var journal = new RefusingJournal(time, refusals: 2);
        var book = new LabelBook(LabelParameters.Defaults, journal);
        using var analytics = new OneRingAnalytics(book, time, NullLogger<OneRingAnalytics>.Instance);

        analytics.OnScreened(OneRingCall(T0), OneRing);
        analytics.OnScreened(OneRingCall(T0.AddSeconds(0.5)), OneRing);
        var refusedAtFirst = (journal.Attempts.Count, analytics.Pending, book.Lookup(Caller, T0.AddSeconds(1)));

        // Fake time moves on in small steps until the flag is kept (or far past any wait the backoff would choose).
        var kept = SpinWait.SpinUntil(() =>
        {
            if (analytics.Pending == 0 && journal.Kept is not null)
            {
                return true;
            }

            if (time.GetUtcNow() < T0.AddHours(1))
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
            }

            return false;
        }, TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(refusedAtFirst.Item1, Is.EqualTo(1), "the caller's second call starts no write while its flag is pending");
            Assert.That(refusedAtFirst.Pending, Is.EqualTo(1), "the refused flag is kept pending");
            Assert.That(refusedAtFirst.Item3, Is.Null, "a refused flag does not show");
            Assert.That(kept, Is.True, "the flag is kept once the store takes writes again");
            Assert.That(journal.Attempts, Has.Count.EqualTo(3), "written until kept, and not after");
            Assert.That(journal.Kept, Is.EqualTo((Caller, LabelCategory.Harassment, T0)), "kept as of the call that raised it");
            Assert.That(book.Lookup(Caller, time.GetUtcNow())?.Source, Is.EqualTo(LabelSource.CarrierAnalytics));
        });
        Assert.Multiple(() =>
        {
            Assert.That(journal.Attempts[1] - journal.Attempts[0], Is.GreaterThanOrEqualTo(OneRingAnalytics.FirstRetry));
            Assert.That(journal.Attempts[2] - journal.Attempts[1], Is.GreaterThanOrEqualTo(OneRingAnalytics.FirstRetry * 2), "each wait twice the last");
        });
    }

    private static readonly ScreeningDecision OneRing = ScreeningDecision.Intercept(RuleIds.OneRing, "one-ring-caller", Caller + " is flagged for one-ring calls");

    private static CallAttempt OneRingCall(DateTimeOffset at) =>
        new(Realm.Interconnect, Caller, null, "13512345678", "198.51.100.1:5060", $"one-ring-{at.Ticks}", at);

    /// <summary>A store that refuses its first flags (as when it is down), then keeps them; it says when each write came.</summary>
    private sealed class RefusingJournal(TimeProvider time, int refusals) : ILabelJournal
    {
        private readonly Lock _lock = new();

        public List<DateTimeOffset> Attempts { get; } = [];

        public (string Number, LabelCategory Category, DateTimeOffset At)? Kept { get; private set; }

        public LabelRecords Load() => new([], [], [], [], [], []);

        public void Reported(NumberReport report) => throw new InvalidOperationException("not expected");

        public ValueTask ReportedAsync(NumberReport report, ReportResult result) => throw new InvalidOperationException("not expected");

        public void Flagged(string number, LabelCategory category, DateTimeOffset at) => throw new InvalidOperationException("a blocking write");

        public ValueTask FlaggedAsync(string number, LabelCategory category, DateTimeOffset at)
        {
            lock (_lock)
            {
                Attempts.Add(time.GetUtcNow());
                if (Attempts.Count <= refusals)
                {
                    return ValueTask.FromException(new StorageException("the store refuses writes (the test's outage)"));
                }

                Kept = (number, category, at);
                return ValueTask.CompletedTask;
            }
        }

        public void Declared(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at) => throw new InvalidOperationException("not expected");

        public void Appealed(Appeal appeal, bool clearsLabel) => throw new InvalidOperationException("not expected");

        public void Allocated(Allocation allocation) => throw new InvalidOperationException("not expected");
    }
}
