namespace Screening.Tests;

public sealed class ScreeningPipelineTests
{
    private static CallAttempt Call(Realm realm, string from, string? asserted = null, string callee = "13912345678") =>
        new(realm, from, asserted, callee, "127.0.0.1:40000", "call-1", DateTimeOffset.UnixEpoch);

    [Test]
    public void ACallFromAbroadPresentingPlus86IsIntercepted()
    {
        var decision = ScreeningPipeline.CreateDefault().Screen(Call(Realm.International, "+8613812345678"));

        Assert.That(decision.IsIntercepted, Is.True);
        Assert.That(decision.RuleId, Is.EqualTo(Rules.InternationalDomesticNumberRule.RuleId));
    }

    [Test]
    public void TheAssertedIdentityIsCheckedToo() =>
        Assert.That(ScreeningPipeline.CreateDefault().Screen(Call(Realm.International, "+14155550123", "+8613812345678")).IsIntercepted, Is.True);

    [Test]
    public void TheSameNumberFromADomesticCarrierIsAdmitted() =>
        Assert.That(ScreeningPipeline.CreateDefault().Screen(Call(Realm.Interconnect, "+8613812345678")).IsIntercepted, Is.False);

    [TestCase("110")]
    [TestCase("119")]
    [TestCase("120")]
    [TestCase("122")]
    public void EmergencyCallsAreAdmittedWhateverTheCaller(string emergency)
    {
        var decision = ScreeningPipeline.CreateDefault().Screen(Call(Realm.International, "+8613812345678", callee: emergency));

        Assert.That(decision.IsIntercepted, Is.False);
        Assert.That(decision.RuleId, Is.EqualTo(ScreeningPipeline.EmergencyBypassId));
    }

    [Test]
    public void ADisabledRuleNoLongerDecides() =>
        Assert.That(ScreeningPipeline.CreateDefault([Rules.InternationalDomesticNumberRule.RuleId]).Screen(Call(Realm.International, "+8613812345678")).IsIntercepted, Is.False);

    [Test]
    public void DisablingAnUnknownRuleIsRefusedWithTheKnownIds()
    {
        var error = Assert.Throws<ArgumentException>(() => ScreeningPipeline.CreateDefault(["no-such-rule"]));

        Assert.That(error!.Message, Does.Contain("no-such-rule").And.Contain(Rules.InternationalDomesticNumberRule.RuleId));
    }
}
