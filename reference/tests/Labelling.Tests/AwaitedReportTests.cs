using Labelling.Appeals;

namespace Labelling.Tests;

/// <summary>
/// An awaited report (<see cref="LabelBook.ReportAsync"/>) is foreseen before it is written: the outcome and label the
/// journal is told, and the book answers, are those a blocking report followed by a lookup gives, whatever came before
/// (repeats, windows, categories, clears, declarations, flags); a write the journal refuses changes nothing.
/// </summary>
public sealed class AwaitedReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly LabelParameters Parameters = LabelParameters.Defaults with { Reporters = 3, Window = TimeSpan.FromDays(2) };
    private static readonly LabelCategory[] Categories = [LabelCategory.Fraud, LabelCategory.Loans, LabelCategory.Advertising];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task WhatIsForeseenIsWhatABlockingReportAndALookupGive(int seed)
    {
        var random = new Random(seed);
        var blocking = new LabelBook(Parameters);
        var journal = new KeepingJournal();
        var awaited = new LabelBook(Parameters, journal);
        var desk = new AppealDesk(awaited);
        var at = T0;
        var mismatches = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            at = at.AddMinutes(random.Next(0, 600));
            var number = "1380000000" + random.Next(0, 4);
            switch (random.Next(0, 40))
            {
                case 0:
                    blocking.Flag(number, LabelCategory.Harassment, at);
                    awaited.Flag(number, LabelCategory.Harassment, at);
                    continue;
                case 1:
                    blocking.Declare(number, LabelCategory.Delivery, "Courier Ltd", at);
                    awaited.Declare(number, LabelCategory.Delivery, "Courier Ltd", at);
                    continue;
                case 2:
                    var appeal = new Appeal($"appeal-{i}", number, "holder", AppealReason.Other, string.Empty, at, at.AddDays(1), AppealState.Cleared, at, "cleared", null);
                    blocking.Clear(appeal);
                    awaited.Clear(appeal);
                    continue;
            }

            var report = new NumberReport(number, Categories[random.Next(0, Categories.Length)], "reporter-" + random.Next(0, 6), "app", string.Empty, at);
            var outcome = blocking.Report(report);
            var label = blocking.Lookup(number, at);
            var foreseen = await awaited.ReportAsync(report);
            if (foreseen != new ReportResult(outcome, label) || journal.Results[^1] != foreseen)
            {
                mismatches.Add($"report {i} ({report}): blocking {outcome} {label}, awaited {foreseen}, journal told {journal.Results[^1]}");
            }

            if (awaited.Lookup(number, at) != label)
            {
                mismatches.Add($"report {i}: after it the awaited book shows {awaited.Lookup(number, at)}, the blocking one {label}");
            }
        }

        Assert.That(mismatches, Is.Empty);
        Assert.That(journal.Results.Select(r => r.Label?.Source).Distinct().Count(), Is.GreaterThanOrEqualTo(3), "the sequence reached labels of several sources, and none");
    }

    [Test]
    public async Task AReportTheJournalRefusesChangesNothing()
    {
        var journal = new KeepingJournal();
        var book = new LabelBook(Parameters with { Reporters = 1 }, journal);
        journal.Refusing = true;

        Assert.ThrowsAsync<IOException>(() => book.ReportAsync(new NumberReport("13800000001", LabelCategory.Fraud, "a", "app", string.Empty, T0)));

        journal.Refusing = false;
        Assert.That(book.Lookup("13800000001", T0), Is.Null, "the refused report does not label the number");
        var again = await book.ReportAsync(new NumberReport("13800000001", LabelCategory.Fraud, "a", "app", string.Empty, T0));
        Assert.That(again.Outcome, Is.EqualTo(ReportOutcome.Counted), "the reporter's refused report did not count, so this one is not a repeat");
    }
}
