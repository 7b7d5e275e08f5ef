using Labelling.Appeals;

namespace Labelling.Tests;

/// <summary>
/// Flags, declarations, clears and appeals awaited (<see cref="LabelBook.FlagAsync"/>, <see cref="LabelBook.DeclareAsync"/>,
/// <see cref="LabelBook.ClearAsync"/>, <see cref="AppealDesk.FileAsync"/>, <see cref="AppealDesk.DecideAsync"/>): each
/// awaits the journal's own asynchronous write, shows only once it is kept, changes nothing when it is refused, and
/// leaves the book and the journal as the blocking call does.
/// </summary>
public sealed class AwaitedChangesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task AnAwaitedFlagShowsOnlyOnceTheJournalKeptIt()
    {
        var journal = new HeldJournal();
        var book = new LabelBook(LabelParameters.Defaults, journal);

        var flagging = book.FlagAsync("13800000001", LabelCategory.Harassment, T0);
        var before = book.Lookup("13800000001", T0);
        var pending = flagging.IsCompleted;
        journal.Release();
        await flagging;

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.False, "the flag waits for the journal's write");
            Assert.That(before, Is.Null, "nothing shows before the write is kept");
            Assert.That(book.Lookup("13800000001", T0)?.Source, Is.EqualTo(LabelSource.CarrierAnalytics));
            Assert.That(journal.AsyncWrites, Is.EqualTo(1), "written through the journal's awaited write, not its blocking one");
        });
    }

    [Test]
    public void AnAwaitedDeclarationTheJournalRefusesChangesNothing()
    {
        var journal = new HeldJournal();
        var book = new LabelBook(LabelParameters.Defaults, journal);

        var declaring = book.DeclareAsync(["13800000002", "13800000003"], LabelCategory.Delivery, "Courier Ltd", T0);
        journal.Refuse();

        Assert.ThrowsAsync<IOException>(async () => await declaring);
        Assert.Multiple(() =>
        {
            Assert.That(book.Lookup("13800000002", T0), Is.Null);
            Assert.That(book.Lookup("13800000003", T0), Is.Null);
        });
    }

    [Test]
    public async Task AwaitedAppealsLeaveTheBookAndTheJournalAsBlockingOnesDo()
    {
        var blockingJournal = new KeepingJournal();
        var awaitedJournal = new KeepingJournal();
        var blocking = new LabelBook(LabelParameters.Defaults, blockingJournal);
        var awaited = new LabelBook(LabelParameters.Defaults, awaitedJournal);
        var blockingDesk = new AppealDesk(blocking);
        var awaitedDesk = new AppealDesk(awaited);
        blocking.Declare("13800000004", LabelCategory.Delivery, "Courier Ltd", T0);
        await awaited.DeclareAsync(["13800000004"], LabelCategory.Delivery, "Courier Ltd", T0);
        blocking.Flag("13800000005", LabelCategory.Harassment, T0);
        await awaited.FlagAsync("13800000005", LabelCategory.Harassment, T0);

        var at = T0.AddHours(1);
        // A different holder clears a declaration at once; a flag's appeal waits for the desk, which clears it.
        var filedAtOnce = (blockingDesk.File("13800000004", "Other Ltd", AppealReason.DifferentHolder, "not ours", at), await awaitedDesk.FileAsync("13800000004", "Other Ltd", AppealReason.DifferentHolder, "not ours", at));
        var pending = (blockingDesk.File("13800000005", "Me", AppealReason.Other, "not me", at), await awaitedDesk.FileAsync("13800000005", "Me", AppealReason.Other, "not me", at));
        var decided = (blockingDesk.Decide(pending.Item1.Id, clear: true, "checked", at.AddHours(1)), await awaitedDesk.DecideAsync(pending.Item2.Id, clear: true, "checked", at.AddHours(1)));
        var again = await awaitedDesk.DecideAsync(pending.Item2.Id, clear: false, "too late", at.AddHours(2));

        var later = at.AddHours(3);
        Assert.Multiple(() =>
        {
            Assert.That(filedAtOnce.Item2.State, Is.EqualTo(filedAtOnce.Item1.State).And.EqualTo(AppealState.Cleared));
            Assert.That(pending.Item2.State, Is.EqualTo(pending.Item1.State).And.EqualTo(AppealState.Pending));
            Assert.That(decided.Item2?.State, Is.EqualTo(decided.Item1?.State).And.EqualTo(AppealState.Cleared));
            Assert.That(again?.State, Is.EqualTo(AppealState.Cleared), "an appeal decided stays decided");
            foreach (var number in new[] { "13800000004", "13800000005" })
            {
                Assert.That(awaited.Lookup(number, later), Is.EqualTo(blocking.Lookup(number, later)).And.Null, number);
            }

            Assert.That(Kept(awaitedJournal), Is.EqualTo(Kept(blockingJournal)), "the journals hold the same records");
        });
    }

    /// <summary>What a journal holds, appeal ids (random) left out.</summary>
    private static string Kept(KeepingJournal journal)
    {
        var records = journal.Load();
        return string.Join("; ",
            string.Join(",", records.Flags.Select(f => f.ToString())),
            string.Join(",", records.Declarations.Select(d => d.ToString())),
            string.Join(",", records.Clears.Select(c => c.ToString())),
            string.Join(",", records.Appeals.Select(a => (a.Number, a.State, a.DecidedAt)).Order().Select(a => a.ToString())));
    }

    /// <summary>A journal whose awaited writes wait until the test releases or refuses them; its blocking writes are not expected.</summary>
    private sealed class HeldJournal : ILabelJournal
    {
        private readonly TaskCompletionSource _write = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int AsyncWrites { get; private set; }

        public void Release() => _write.TrySetResult();

        public void Refuse() => _write.TrySetException(new IOException("refused by the test"));

        public LabelRecords Load() => new([], [], [], [], [], []);

        public void Reported(NumberReport report) => throw new InvalidOperationException("a blocking write");

        public ValueTask ReportedAsync(NumberReport report, ReportResult result) => Held();

        public void Flagged(string number, LabelCategory category, DateTimeOffset at) => throw new InvalidOperationException("a blocking write");

        public ValueTask FlaggedAsync(string number, LabelCategory category, DateTimeOffset at) => Held();

        public void Declared(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at) => throw new InvalidOperationException("a blocking write");

        public ValueTask DeclaredAsync(IReadOnlyList<string> numbers, LabelCategory category, string enterprise, DateTimeOffset at) => Held();

        public void Appealed(Appeal appeal, bool clearsLabel) => throw new InvalidOperationException("a blocking write");

        public ValueTask AppealedAsync(Appeal appeal, bool clearsLabel) => Held();

        public void Allocated(Allocation allocation) => throw new InvalidOperationException("a blocking write");

        private ValueTask Held()
        {
            AsyncWrites++;
            return new ValueTask(_write.Task);
        }
    }
}
