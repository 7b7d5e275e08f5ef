using Conformance.Harness.Warnings;

namespace Conformance.Harness.Tests.Warnings;

public class WarningTextCheckTests
{
    [TestCaseSource(typeof(WarningTexts), nameof(WarningTexts.MustPass))]
    public void A_plain_warning_passes(string text, string[] numbersAboutTheCall)
    {
        var violations = WarningTextCheck.Check(text, numbersAboutTheCall);

        Assert.That(violations, Is.Empty, string.Join("; ", violations));
    }

    [TestCaseSource(typeof(WarningTexts), nameof(WarningTexts.MustFail))]
    public void A_warning_that_sends_the_user_somewhere_fails(string text, WarningViolationKind[] kinds)
    {
        var violations = WarningTextCheck.Check(text);

        Assert.That(violations.Select(v => v.Kind).Distinct(), Is.EquivalentTo(kinds), string.Join("; ", violations));
        Assert.That(violations.All(v => v.ToString().Contains(v.Fragment, StringComparison.Ordinal)), Is.True, "each finding quotes what it found");
    }

    [Test]
    public void The_calling_number_the_warning_is_about_is_only_allowed_when_named()
    {
        const string text = "【骚扰拦截】拦截来电 13800138000 一次。";

        Assert.That(WarningTextCheck.Passes(text), Is.False);
        Assert.That(WarningTextCheck.Passes(text, ["+8613800138000"]), Is.True);
        Assert.That(WarningTextCheck.Passes(text, ["13900139000"]), Is.False);
    }
}
