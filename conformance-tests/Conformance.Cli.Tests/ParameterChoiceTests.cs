using Conformance.Harness.Targets;
using Conformance.Specs.Support;

namespace Conformance.Cli.Tests;

/// <summary>The parameters INT-PAR-002 sets differ in every field from those in force and from the defaults, so ignoring the PUT cannot pass, and are all possible.</summary>
public sealed class ParameterChoiceTests
{
    private static readonly RuleParameters Defaults = new();

    private static IEnumerable<RuleParameters> InForce()
    {
        yield return Defaults;
        yield return new RuleParameters { BombingLimit = 2, MarketingShortLimit = 3, MarketingDailyLimit = 3, CallingHours = "07:30-21:30" };
        yield return new RuleParameters { BombingLimit = 3, OneRingMaxAnswers = 2, MarketingShortLimit = 4, MarketingDailyLimit = 4, ConsentRetentionDays = 154 };
    }

    [TestCaseSource(nameof(InForce))]
    public void Every_field_differs_from_the_parameters_in_force_and_the_defaults(RuleParameters inForce)
    {
        var set = ParameterChoice.Different(inForce, Defaults);

        Assert.Multiple(() =>
        {
            foreach (var (name, value) in Fields(set))
            {
                Assert.That(value, Is.Not.EqualTo(Fields(inForce)[name]), $"{name} equals the value in force");
                Assert.That(value, Is.Not.EqualTo(Fields(Defaults)[name]), $"{name} equals the default");
            }

            Assert.That(set.MarketingDailyLimit, Is.GreaterThanOrEqualTo(set.MarketingShortLimit), "the daily limit is below the short limit");
            Assert.That(set.BombingLimit, Is.GreaterThanOrEqualTo(1));
        });
    }

    private static Dictionary<string, object> Fields(RuleParameters p) => new()
    {
        ["oneRing.callees"] = p.OneRingCallees,
        ["oneRing.ringSeconds"] = p.OneRingSeconds,
        ["oneRing.windowMinutes"] = p.OneRingWindowMinutes,
        ["oneRing.maxAnswers"] = p.OneRingMaxAnswers,
        ["bombing.limit"] = p.BombingLimit,
        ["bombing.windowSeconds"] = p.BombingWindowSeconds,
        ["marketing.shortLimit"] = p.MarketingShortLimit,
        ["marketing.shortWindowMinutes"] = p.MarketingShortWindowMinutes,
        ["marketing.dailyLimit"] = p.MarketingDailyLimit,
        ["marketing.consentRetentionDays"] = p.ConsentRetentionDays,
        ["marketing.callingHours"] = p.CallingHours,
    };
}
