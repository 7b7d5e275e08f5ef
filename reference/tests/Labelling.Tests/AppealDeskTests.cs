using Labelling.Appeals;

namespace Labelling.Tests;

public sealed class AppealDeskTests
{
    private const string Number = "13900139000";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static (LabelBook Book, AppealDesk Desk) Labelled(LabelCategory category = LabelCategory.Harassment, NumberAllocations? allocations = null)
    {
        var book = new LabelBook(LabelParameters.Defaults with { Reporters = 2 });
        book.Report(new NumberReport(Number, category, "a", "app", "", T0));
        book.Report(new NumberReport(Number, category, "b", "app", "", T0));
        return (book, new AppealDesk(book, allocations: allocations));
    }

    [Test]
    public void AFraudLabelIsNeverClearedOnTheAppellantsWordAlone()
    {
        var (book, desk) = Labelled(LabelCategory.Fraud);
        var reissued = desk.File(Number, "new holder", AppealReason.Reissued, "got this number last week", T0.AddHours(1));
        var otherHolder = desk.File(Number, "new holder", AppealReason.DifferentHolder, "not mine", T0.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(reissued.State, Is.EqualTo(AppealState.Pending));
            Assert.That(reissued.Why, Does.Contain("allocation record"));
            Assert.That(otherHolder.State, Is.EqualTo(AppealState.Pending));
            Assert.That(book.Lookup(Number, T0.AddHours(1))?.Category, Is.EqualTo(LabelCategory.Fraud));
        });
    }

    [Test]
    public void AReissueTheAllocationRecordShowsClearsEvenAFraudLabel()
    {
        var allocations = new NumberAllocations();
        allocations.Record(new Allocation(Number, "new holder", T0.AddMinutes(30)));
        var (book, desk) = Labelled(LabelCategory.Fraud, allocations);

        var appeal = desk.File(Number, "new holder", AppealReason.Reissued, "", T0.AddHours(1));

        Assert.That(appeal.State, Is.EqualTo(AppealState.Cleared));
        Assert.That(book.Lookup(Number, T0.AddHours(1)), Is.Null);
    }

    [TestCase(-100, "new holder")]
    [TestCase(0, "new holder")]
    [TestCase(1, "someone else")]
    public void AReissueTheAllocationRecordDoesNotShowGoesToTheDesk(int daysAfterLabel, string recordedHolder)
    {
        var allocations = new NumberAllocations();
        allocations.Record(new Allocation(Number, recordedHolder, T0.AddDays(daysAfterLabel)));
        var (book, desk) = Labelled(LabelCategory.Harassment, allocations);

        var appeal = desk.File(Number, "new holder", AppealReason.Reissued, "", T0.AddDays(2));

        Assert.That(appeal.State, Is.EqualTo(AppealState.Pending));
        Assert.That(book.Lookup(Number, T0.AddDays(2)), Is.Not.Null);
    }

    [Test]
    public void AnOlderAllocationNeverReplacesANewerOne()
    {
        var allocations = new NumberAllocations();
        allocations.Record(new Allocation(Number, "new holder", T0.AddDays(5)));
        allocations.Record(new Allocation(Number, "old holder", T0.AddDays(-5)));

        Assert.That(allocations.Latest(Number)?.Holder, Is.EqualTo("new holder"));
    }

    [Test]
    public void AReissuedNumberWithoutARecordGoesToTheDeskAndKeepsItsLabel()
    {
        var (book, desk) = Labelled();
        var appeal = desk.File(Number, "new holder", AppealReason.Reissued, "got this number last week", T0.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(appeal.State, Is.EqualTo(AppealState.Pending));
            Assert.That(appeal.Why, Does.Contain("no allocation record"));
            Assert.That(book.Lookup(Number, T0.AddHours(1))?.Category, Is.EqualTo(LabelCategory.Harassment));
        });
    }

    [Test]
    public void UnderTheReissueOnWordMutantAReissuedNumberWithoutARecordIsClearedOnTheWord()
    {
        var book = new LabelBook(LabelParameters.Defaults with { Reporters = 1, ReissueOnWord = true });
        book.Report(new NumberReport(Number, LabelCategory.Harassment, "a", "app", "", T0));
        var appeal = new AppealDesk(book).File(Number, "new holder", AppealReason.Reissued, "", T0.AddHours(1));

        Assert.Multiple(() =>
        {
            Assert.That(appeal.State, Is.EqualTo(AppealState.Cleared));
            Assert.That(book.Lookup(Number, T0.AddHours(1)), Is.Null);
        });
    }

    [Test]
    public void AReissueBackToTheHolderOfTheLabelledNumberGoesToTheDesk()
    {
        var allocations = new NumberAllocations();
        allocations.Record(new Allocation(Number, "first holder", T0.AddDays(-100)));
        allocations.Record(new Allocation(Number, "second holder", T0.AddDays(1)));
        allocations.Record(new Allocation(Number, "first holder", T0.AddDays(2)));
        var (book, desk) = Labelled(allocations: allocations);

        var back = desk.File(Number, "first holder", AppealReason.Reissued, "mine again", T0.AddDays(3));

        Assert.Multiple(() =>
        {
            Assert.That(back.State, Is.EqualTo(AppealState.Pending), "the appellant held the number when it was labelled");
            Assert.That(allocations.HolderAt(Number, T0)?.Holder, Is.EqualTo("first holder"));
            Assert.That(book.Lookup(Number, T0.AddDays(3)), Is.Not.Null);
        });
    }

    [Test]
    public void ALabelNamingAnotherHolderIsClearedAtOnce()
    {
        var (book, desk) = Labelled();
        book.Declare(Number, LabelCategory.Delivery, "Some Courier", T0);
        var appeal = desk.File(Number, "Zhang San", AppealReason.DifferentHolder, "", T0.AddHours(1));
        Assert.That(appeal.State, Is.EqualTo(AppealState.Cleared));
        Assert.That(book.Lookup(Number, T0.AddHours(1)), Is.Null);
    }

    [Test]
    public void ADifferentHolderClaimAgainstALabelNamingNoHolderWaits()
    {
        var (book, desk) = Labelled();
        var appeal = desk.File(Number, "Zhang San", AppealReason.DifferentHolder, "", T0.AddHours(1));
        Assert.That(appeal.State, Is.EqualTo(AppealState.Pending));
        Assert.That(book.Lookup(Number, T0.AddHours(1)), Is.Not.Null);
    }

    [Test]
    public void OtherAppealsWaitForADecisionWithADeadline()
    {
        var (book, desk) = Labelled();
        var appeal = desk.File(Number, "Zhang San", AppealReason.Other, "not harassment", T0);
        Assert.That((appeal.State, appeal.DecideBy), Is.EqualTo((AppealState.Pending, T0 + book.Parameters.AppealDeadline)));
        Assert.That(appeal.IsOverdue(T0 + book.Parameters.AppealDeadline + TimeSpan.FromSeconds(1)), Is.True);
        var decided = desk.Decide(appeal.Id, clear: true, "reviewed", T0.AddDays(1))!;
        Assert.That(decided.State, Is.EqualTo(AppealState.Cleared));
        Assert.That(book.Lookup(Number, T0.AddDays(1)), Is.Null);
        Assert.That(desk.Decide(appeal.Id, clear: false, "again", T0.AddDays(2))!.State, Is.EqualTo(AppealState.Cleared), "a decided appeal is not decided twice");
    }

    [Test]
    public void AnUpheldAppealKeepsTheLabel()
    {
        var (book, desk) = Labelled();
        var appeal = desk.File(Number, "Zhang San", AppealReason.Other, "", T0);
        Assert.That(desk.Decide(appeal.Id, clear: false, "reports confirmed", T0)!.State, Is.EqualTo(AppealState.Upheld));
        Assert.That(book.Lookup(Number, T0), Is.Not.Null);
        Assert.That(desk.Decide("appeal-unknown", true, "", T0), Is.Null);
    }

    [Test]
    public void APendingAppealPastItsDeadlineIsOverdueAndEscalatedAsOfTheDeadline()
    {
        var (book, desk) = Labelled();
        var appeal = desk.File(Number, "Zhang San", AppealReason.Other, "not harassment", T0);
        var deadline = T0 + book.Parameters.AppealDeadline;

        Assert.That(desk.Overdue(deadline), Is.Empty, "at the deadline itself the appeal is not yet overdue");
        Assert.That(desk.Find(appeal.Id, deadline)!.EscalatedAt, Is.Null);

        var later = deadline + TimeSpan.FromMinutes(1);
        var overdue = desk.Overdue(later);

        Assert.That(overdue.Select(a => a.Id), Is.EqualTo(new[] { appeal.Id }));
        Assert.Multiple(() =>
        {
            Assert.That(overdue[0].State, Is.EqualTo(AppealState.Pending), "escalation is not a decision");
            Assert.That(overdue[0].EscalatedAt, Is.EqualTo(deadline));
            Assert.That(overdue[0].Why, Is.EqualTo(AppealDesk.EscalationWhy));
            Assert.That(desk.Find(appeal.Id, later)!.EscalatedAt, Is.EqualTo(deadline), "the escalation is kept");
            Assert.That(book.Lookup(Number, later), Is.Not.Null, "the label stays until a decision");
        });
    }

    [Test]
    public void AnEscalatedAppealCanStillBeDecidedAndThenIsNoLongerOverdue()
    {
        var (book, desk) = Labelled();
        var appeal = desk.File(Number, "Zhang San", AppealReason.Other, "", T0);
        var later = T0 + book.Parameters.AppealDeadline + TimeSpan.FromDays(1);

        var decided = desk.Decide(appeal.Id, clear: true, "reviewed late", later)!;

        Assert.Multiple(() =>
        {
            Assert.That(decided.State, Is.EqualTo(AppealState.Cleared));
            Assert.That(decided.EscalatedAt, Is.EqualTo(T0 + book.Parameters.AppealDeadline), "a late decision keeps the record of its escalation");
            Assert.That(desk.Overdue(later), Is.Empty);
            Assert.That(book.Lookup(Number, later), Is.Null);
        });
    }

    [Test]
    public void DecidedAndAutomaticAppealsAreNeverOverdue()
    {
        var allocations = new NumberAllocations();
        allocations.Record(new Allocation(Number, "new holder", T0.AddMinutes(90)));
        var (book, desk) = Labelled(allocations: allocations);
        var upheld = desk.File(Number, "Zhang San", AppealReason.Other, "", T0);
        desk.Decide(upheld.Id, clear: false, "deserved", T0.AddHours(1));
        desk.File(Number, "new holder", AppealReason.Reissued, "", T0.AddHours(2));

        Assert.That(desk.Overdue(T0 + book.Parameters.AppealDeadline + TimeSpan.FromDays(30)), Is.Empty);
        Assert.That(desk.All(T0.AddDays(60)), Has.Count.EqualTo(2));
    }

    [Test]
    public void TheDeskReadsTheClockItIsGivenWhenAskedWithoutATime()
    {
        var clock = new ManualClock(T0);
        var book = new LabelBook(LabelParameters.Defaults with { Reporters = 1 });
        book.Report(new NumberReport(Number, LabelCategory.Fraud, "a", "app", "", T0));
        var desk = new AppealDesk(book, clock);
        var appeal = desk.File(Number, "Zhang San", AppealReason.Other, "", T0);

        clock.Now = T0 + book.Parameters.AppealDeadline + TimeSpan.FromSeconds(1);

        Assert.That(desk.Find(appeal.Id)!.EscalatedAt, Is.EqualTo(T0 + book.Parameters.AppealDeadline));
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
