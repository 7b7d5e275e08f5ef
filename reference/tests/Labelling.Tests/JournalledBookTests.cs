using Labelling.Appeals;

namespace Labelling.Tests;

/// <summary>
/// The book and the desk write every change to their journal before it shows, and a book restored from the journal
/// answers as the one that wrote it; a write the journal refuses changes nothing.
/// </summary>
public sealed class JournalledBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly LabelParameters Parameters = LabelParameters.Defaults with { Reporters = 2 };

    private static readonly string[] Numbers = ["13800000001", "13800000002", "13800000003", "13800000004", "13800000005", "13800000006"];

    [Test]
    public void ARestoredBookAndDeskAnswerAsTheOnesThatWroteTheJournal()
    {
        var journal = new KeepingJournal();
        var book = new LabelBook(Parameters, journal);
        // Number 6 passed to its new holder after its label: the record a reissued-number appeal is cleared against.
        var reissues = new NumberAllocations();
        reissues.Record(new Allocation(Numbers[5], "new holder", T0.AddMinutes(30)));
        var desk = new AppealDesk(book, allocations: reissues);

        // 1: labelled by two reporters, then one repeat. 2: one reporter only (below the threshold).
        book.Report(new NumberReport(Numbers[0], LabelCategory.Fraud, "a", "app", "t", T0));
        book.Report(new NumberReport(Numbers[0], LabelCategory.Fraud, "b", "web", "t", T0.AddMinutes(1)));
        book.Report(new NumberReport(Numbers[0], LabelCategory.Fraud, "a", "app", "t", T0.AddMinutes(2)));
        book.Report(new NumberReport(Numbers[1], LabelCategory.Loans, "a", "app", "t", T0));
        // 3: flagged twice (the first flag stands). 4 and 5: declared together.
        book.Flag(Numbers[2], LabelCategory.Harassment, T0);
        book.Flag(Numbers[2], LabelCategory.Fraud, T0.AddMinutes(1));
        book.Declare([Numbers[3], Numbers[4]], LabelCategory.Delivery, "Courier Ltd", T0);
        // 6: labelled, cleared by a reissued-number appeal, then one report after the clear (below the threshold).
        book.Report(new NumberReport(Numbers[5], LabelCategory.Advertising, "a", "app", "t", T0));
        book.Report(new NumberReport(Numbers[5], LabelCategory.Advertising, "b", "app", "t", T0));
        var reissued = desk.File(Numbers[5], "new holder", AppealReason.Reissued, "mine since May", T0.AddHours(1));
        book.Report(new NumberReport(Numbers[5], LabelCategory.Advertising, "c", "app", "t", T0.AddHours(2)));
        // An appeal left pending, one decided upholding, one decided clearing (number 3's flag).
        var pending = desk.File(Numbers[0], "holder", AppealReason.Other, "not me", T0.AddHours(1));
        var upheld = desk.Decide(desk.File(Numbers[0], "holder", AppealReason.Other, "", T0.AddHours(1)).Id, clear: false, "reports stand", T0.AddHours(2))!;
        var cleared = desk.Decide(desk.File(Numbers[2], "holder", AppealReason.Other, "", T0.AddHours(1)).Id, clear: true, "flag was wrong", T0.AddHours(3))!;

        var allocations = new NumberAllocations(journal);
        allocations.Record(new Allocation(Numbers[4], "second holder", T0.AddDays(-1)));
        allocations.Record(new Allocation(Numbers[4], "first holder", T0.AddDays(-30)));

        var restoredBook = new LabelBook(Parameters, journal);
        var kept = journal.Load();
        restoredBook.Restore(kept);
        var restoredDesk = new AppealDesk(restoredBook);
        restoredDesk.Restore(kept.Appeals);
        var restoredAllocations = new NumberAllocations(journal);
        restoredAllocations.Restore(kept.Allocations);

        var at = T0.AddHours(4);
        Assert.Multiple(() =>
        {
            foreach (var number in Numbers)
            {
                Assert.That(restoredBook.Lookup(number, at), Is.EqualTo(book.Lookup(number, at)), number);
            }

            Assert.That(restoredBook.Lookup(Numbers[0], at)?.Count, Is.EqualTo(2), "repeats count once after a restart too");
            Assert.That(restoredBook.Lookup(Numbers[2], at), Is.Null, "the clearing decision outlives the restart");
            Assert.That(restoredBook.Lookup(Numbers[3], at)?.Holder, Is.EqualTo("Courier Ltd"));
            Assert.That(restoredDesk.All(at), Is.EqualTo(desk.All(at)));
            Assert.That(restoredDesk.Find(reissued.Id, at)?.State, Is.EqualTo(AppealState.Cleared));
            Assert.That(restoredDesk.Find(pending.Id, at)?.State, Is.EqualTo(AppealState.Pending));
            Assert.That(restoredDesk.Find(upheld.Id, at)?.State, Is.EqualTo(AppealState.Upheld));
            Assert.That(restoredDesk.Find(cleared.Id, at)?.Why, Is.EqualTo("flag was wrong"));
            Assert.That(restoredAllocations.Latest(Numbers[4])?.Holder, Is.EqualTo("second holder"), "the newer record, as before the restart");
        });

        // The restored book's history behaves as the original's: a repeat is a repeat, a new reporter counts.
        Assert.That(restoredBook.Report(new NumberReport(Numbers[0], LabelCategory.Fraud, "b", "app", "t", at)), Is.EqualTo(ReportOutcome.Repeat));
        Assert.That(restoredBook.Report(new NumberReport(Numbers[5], LabelCategory.Advertising, "a", "app", "t", at)), Is.EqualTo(ReportOutcome.Counted), "reports before the clear were forgotten");
        Assert.That(restoredBook.Lookup(Numbers[5], at)?.Count, Is.EqualTo(2), "c after the clear and a again");
        // A new filing is numbered after the restored ones, never reusing an id.
        var next = restoredDesk.File(Numbers[1], "holder", AppealReason.Other, "", at);
        Assert.That(kept.Appeals.Select(a => a.Id), Does.Not.Contain(next.Id));
    }

    [Test]
    public void AWriteTheJournalRefusesChangesNothing()
    {
        var journal = new KeepingJournal();
        var book = new LabelBook(Parameters, journal);
        // Number 6 passed to its new holder after its label: the record a reissued-number appeal is cleared against.
        var reissues = new NumberAllocations();
        reissues.Record(new Allocation(Numbers[5], "new holder", T0.AddMinutes(30)));
        var desk = new AppealDesk(book, allocations: reissues);
        book.Report(new NumberReport(Numbers[0], LabelCategory.Fraud, "a", "app", "", T0));
        book.Report(new NumberReport(Numbers[0], LabelCategory.Fraud, "b", "app", "", T0));
        var pending = desk.File(Numbers[0], "holder", AppealReason.Other, "", T0);
        var allocations = new NumberAllocations(journal);
        journal.Refusing = true;

        Assert.Multiple(() =>
        {
            Assert.Throws<IOException>(() => book.Report(new NumberReport(Numbers[1], LabelCategory.Fraud, "a", "app", "", T0)));
            Assert.Throws<IOException>(() => book.Report(new NumberReport(Numbers[1], LabelCategory.Fraud, "b", "app", "", T0)));
            Assert.Throws<IOException>(() => book.Flag(Numbers[2], LabelCategory.Harassment, T0));
            Assert.Throws<IOException>(() => book.Declare([Numbers[3], Numbers[4]], LabelCategory.Taxi, "Cabs", T0));
            Assert.Throws<IOException>(() => desk.File(Numbers[0], "new holder", AppealReason.Reissued, "", T0));
            Assert.Throws<IOException>(() => desk.Decide(pending.Id, clear: true, "", T0));
            Assert.Throws<IOException>(() => allocations.Record(new Allocation(Numbers[0], "new holder", T0)));
        });

        journal.Refusing = false;
        Assert.Multiple(() =>
        {
            Assert.That(book.Lookup(Numbers[0], T0)?.Category, Is.EqualTo(LabelCategory.Fraud), "neither refused appeal cleared the label");
            Assert.That(desk.Find(pending.Id, T0)?.State, Is.EqualTo(AppealState.Pending));
            Assert.That(desk.All(T0), Has.Count.EqualTo(1), "the refused filing is not on the desk");
            Assert.That(book.Lookup(Numbers[2], T0), Is.Null);
            Assert.That(book.Lookup(Numbers[3], T0), Is.Null);
            Assert.That(book.Lookup(Numbers[4], T0), Is.Null);
            Assert.That(allocations.Latest(Numbers[0]), Is.Null);
        });
        Assert.That(book.Report(new NumberReport(Numbers[1], LabelCategory.Fraud, "a", "app", "", T0)), Is.EqualTo(ReportOutcome.Counted));
        Assert.That(book.Lookup(Numbers[1], T0), Is.Null, "only one of the two reporters was kept, below the threshold");
        Assert.That(journal.Writes, Is.EqualTo(4));
    }
}
