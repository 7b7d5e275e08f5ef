using Labelling;

namespace Labelling.Tests;

public sealed class LabelBookTests
{
    private const string Number = "13800138000";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static LabelBook Book(int reporters = 10, int windowDays = 30) =>
        new(LabelParameters.Defaults with { Reporters = reporters, Window = TimeSpan.FromDays(windowDays) });

    private static void Reports(LabelBook book, int reporters, LabelCategory category = LabelCategory.Harassment, DateTimeOffset? at = null, string prefix = "user")
    {
        for (var i = 0; i < reporters; i++)
        {
            book.Report(new NumberReport(Number, category, $"{prefix}-{i}", "app", "", at ?? T0));
        }
    }

    [Test]
    public void ANumberIsLabelledOnlyAtTheThresholdOfDistinctReporters()
    {
        var book = Book();
        Reports(book, 9);
        Assert.That(book.Lookup(Number, T0), Is.Null, "9 of 10 reporters");
        Reports(book, 10);
        var label = book.Lookup(Number, T0);
        Assert.That(label, Is.EqualTo(new Label(Number, LabelCategory.Harassment, 10, LabelSource.Reports, T0)));
    }

    [Test]
    public void RepeatsFromOneReporterCountOnce()
    {
        var book = Book();
        Assert.That(book.Report(new NumberReport(Number, LabelCategory.Fraud, "same", "app", "", T0)), Is.EqualTo(ReportOutcome.Counted));
        for (var i = 1; i < 50; i++)
        {
            Assert.That(book.Report(new NumberReport(Number, LabelCategory.Fraud, "same", "app", "", T0.AddMinutes(i))), Is.EqualTo(ReportOutcome.Repeat));
        }

        Assert.That(book.Lookup(Number, T0.AddHours(1)), Is.Null);
    }

    [Test]
    public void ReportsOlderThanTheWindowNoLongerCount()
    {
        var book = Book();
        Reports(book, 5, at: T0);
        Reports(book, 5, at: T0.AddDays(20), prefix: "late");
        Assert.That(book.Lookup(Number, T0.AddDays(25))?.Count, Is.EqualTo(10));
        Assert.That(book.Lookup(Number, T0.AddDays(31)), Is.Null, "the first five fell out of the 30-day window");
    }

    [Test]
    public void ReportsForDifferentCategoriesDoNotAddUp()
    {
        var book = Book();
        Reports(book, 5, LabelCategory.Advertising);
        Reports(book, 5, LabelCategory.Loans, prefix: "other");
        Assert.That(book.Lookup(Number, T0), Is.Null);
    }

    [Test]
    public void AnalyticsLabelANumberWithoutReports()
    {
        var book = Book();
        book.Flag(Number, LabelCategory.Harassment, T0);
        Assert.That(book.Lookup(Number, T0)?.Source, Is.EqualTo(LabelSource.CarrierAnalytics));
    }

    [Test]
    public async Task AFlagForACallBeforeTheNumberWasClearedIsNotRaisedButALaterOneIs()
    {
        // A flag written again after the store refused it can reach the book after an appeal cleared the number.
        var book = Book();
        book.Clear(new Labelling.Appeals.Appeal("appeal-1", Number, "holder", Labelling.Appeals.AppealReason.Reissued, "", T0.AddMinutes(1), T0.AddDays(15),
            Labelling.Appeals.AppealState.Cleared, T0.AddMinutes(1), "reissued"));
        book.Flag(Number, LabelCategory.Harassment, T0);
        await book.FlagAsync(Number, LabelCategory.Harassment, T0.AddSeconds(30));
        Assert.That(book.Lookup(Number, T0.AddMinutes(2)), Is.Null, "both flags are for calls before the clear");
        await book.FlagAsync(Number, LabelCategory.Harassment, T0.AddMinutes(2));
        Assert.That(book.Lookup(Number, T0.AddMinutes(2))?.Source, Is.EqualTo(LabelSource.CarrierAnalytics));
    }

    [Test]
    public void ADeclarationNamesItsHolderAndWins()
    {
        var book = Book();
        Reports(book, 12, LabelCategory.Advertising);
        book.Declare(Number, LabelCategory.Delivery, "SF Express", T0);
        var label = book.Lookup(Number, T0)!;
        Assert.That((label.Category, label.Source, label.Holder, label.Count), Is.EqualTo((LabelCategory.Delivery, LabelSource.EnterpriseDeclaration, "SF Express", 12)));
    }

    [Test]
    public void ClearingForgetsEarlierReportsButLaterOnesCountAfresh()
    {
        var book = Book(reporters: 3);
        Reports(book, 3);
        book.Clear(new Labelling.Appeals.Appeal("appeal-1", Number, "holder", Labelling.Appeals.AppealReason.Reissued, "", T0.AddMinutes(1), T0.AddDays(15),
            Labelling.Appeals.AppealState.Cleared, T0.AddMinutes(1), "reissued"));
        Assert.That(book.Lookup(Number, T0.AddMinutes(1)), Is.Null);
        Reports(book, 2, at: T0.AddMinutes(2));
        Assert.That(book.Lookup(Number, T0.AddMinutes(2)), Is.Null, "two new reports are below the threshold of 3");
        Reports(book, 3, at: T0.AddMinutes(3), prefix: "new");
        Assert.That(book.Lookup(Number, T0.AddMinutes(3))?.Count, Is.EqualTo(5), "two after the clearing and three more");
    }

    [TestCase("harassment", LabelCategory.Harassment)]
    [TestCase("real-estate", LabelCategory.RealEstate)]
    [TestCase("诈骗电话", LabelCategory.Fraud)]
    [TestCase(" Taxi ", LabelCategory.Taxi)]
    public void CategoriesParseByCodeOrChineseName(string text, LabelCategory expected)
    {
        Assert.That(LabelCategories.TryParse(text, out var category), Is.True);
        Assert.That(category, Is.EqualTo(expected));
    }

    [TestCase("spam")]
    [TestCase("")]
    [TestCase(null)]
    public void UnknownCategoriesDoNotParse(string? text) => Assert.That(LabelCategories.TryParse(text, out _), Is.False);

    [Test]
    public void OnlyDeliveryAndTaxiAreBenign() =>
        Assert.That(LabelCategories.All.Where(c => c.IsBenign()), Is.EquivalentTo(new[] { LabelCategory.Delivery, LabelCategory.Taxi }));
}
