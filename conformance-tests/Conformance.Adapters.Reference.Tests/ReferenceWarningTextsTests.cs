using Conformance.Harness.Warnings;
using Labelling;
using ReferenceTexts = Reference.Warnings.WarningTexts;
using Screening;

namespace Conformance.Adapters.Reference.Tests;

/// <summary>The reference's own warning words pass the check the suite applies to every warning, for every category and source.</summary>
public sealed class ReferenceWarningTextsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 30, 0, TimeSpan.Zero);

    [Test]
    public void EveryFlashTextPassesAndNamesItsCategory(
        [ValueSource(typeof(LabelCategories), nameof(LabelCategories.All))] LabelCategory category,
        [Values] LabelSource source)
    {
        var text = ReferenceTexts.Flash("参考网络", new Label("13800138000", category, 12, source, At));
        Assert.That(WarningTextCheck.Check(text, ["13800138000"]), Is.Empty, text);
        Assert.That(text, Does.StartWith("【参考网络】").And.Contain(category.ChineseName()));
    }

    [Test]
    public void TheInterceptionNoticePassesAndNamesTheBlockedNumber()
    {
        var call = new CallAttempt(Realm.International, "+8613900139000", null, "13800138000", "127.0.0.1:5", "c1", At);
        var text = ReferenceTexts.InterceptionNotice("参考网络", call);
        Assert.That(WarningTextCheck.Check(text, ["13900139000"]), Is.Empty, text);
        Assert.That(text, Does.StartWith("【参考网络】").And.Contain("13900139000"));
    }

    [Test]
    public void EachInterceptionNoticeNamesItsOwnMinuteInBeijingTime()
    {
        // The minute's text is kept for the next call: a call a minute later, or back in an earlier minute, names its own.
        var times = new[]
        {
            new DateTimeOffset(2026, 11, 28, 23, 30, 10, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 28, 23, 30, 50, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 28, 23, 31, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 29, 7, 30, 0, TimeSpan.FromHours(8)),
        };

        var minutes = times.Select(at => ReferenceTexts.InterceptionNotice("参考网络",
            new CallAttempt(Realm.International, "+8613900139000", null, "13800138000", "127.0.0.1:5", "c1", at)).Split('：', '，')[1]);

        Assert.That(minutes, Is.EqualTo(new[] { "2026-11-29 07:30", "2026-11-29 07:30", "2026-11-29 07:31", "2026-11-29 07:30" }));
    }

    [Test]
    public void TheCheckWouldCatchAFlashTextNamingAnotherNumber() =>
        Assert.That(WarningTextCheck.Check(ReferenceTexts.Flash("参考网络", new Label("13800138000", LabelCategory.Fraud, 12, LabelSource.Reports, At)), []), Is.Not.Empty,
            "without the calling number allowed, the number in the text is flagged: the check above is not vacuous");
}
