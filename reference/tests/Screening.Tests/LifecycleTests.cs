using Screening.Directory;
using Screening.Rules;

namespace Screening.Tests;

/// <summary>Parameters changed at run time, consent that lapses, and calls the node stops following.</summary>
public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(8));

    private static CallAttempt Call(string from, string callee, string id, DateTimeOffset at) =>
        new(Realm.Interconnect, from, null, callee, "198.51.100.1:5060", id, at);

    [Test]
    public void ReconfiguringSwitchesEveryRuleToTheNewParameters()
    {
        var pipeline = ScreeningPipeline.CreateDefault(new FakeDirectory(), ScreeningParameters.Defaults);

        Assert.That(pipeline.Reconfigure(ScreeningParameters.Defaults with { BombingLimit = 1 }), Is.Null);
        var first = Call("13712345678", "13612345678", "b1", Noon);
        pipeline.OnScreened(first, pipeline.Screen(first));

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Parameters.BombingLimit, Is.EqualTo(1));
            Assert.That(pipeline.Screen(Call("13712345678", "13612345678", "b2", Noon.AddSeconds(1))).Reason, Is.EqualTo("call-bombing"));
        });
    }

    [TestCase(0, "bombing.limit")]
    [TestCase(-1, "bombing.limit")]
    public void ImpossibleParametersAreRefusedAndNothingChanges(int limit, string field)
    {
        var pipeline = ScreeningPipeline.CreateDefault(new FakeDirectory(), ScreeningParameters.Defaults);
        var rules = pipeline.Rules;

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Reconfigure(ScreeningParameters.Defaults with { BombingLimit = limit, OneRingCallees = 2 }), Does.StartWith(field));
            Assert.That(pipeline.Parameters, Is.EqualTo(ScreeningParameters.Defaults));
            Assert.That(pipeline.Rules, Is.SameAs(rules));
        });
    }

    [Test]
    public void AWindowOfZeroAndCallingHoursEndingBeforeTheyStartAreRefused() =>
        Assert.Multiple(() =>
        {
            Assert.That((ScreeningParameters.Defaults with { BombingWindow = TimeSpan.Zero }).Problem(), Does.StartWith("bombing.windowSeconds"));
            Assert.That((ScreeningParameters.Defaults with { MarketingDailyWindow = TimeSpan.FromMinutes(-5) }).Problem(), Does.StartWith("marketing."));
            Assert.That((ScreeningParameters.Defaults with { ConsentRetention = TimeSpan.Zero }).Problem(), Does.StartWith("marketing.consentRetentionDays"));
            Assert.That((ScreeningParameters.Defaults with { CallingHoursStart = TimeSpan.FromHours(21), CallingHoursEnd = TimeSpan.FromHours(8) }).Problem(), Does.StartWith("marketing.callingHours"));
        });

    [Test]
    public void ConsentCountsUntilItsEvidenceIsNoLongerKept()
    {
        var directory = new ExpiringConsentDirectory(keepUntil: Noon.AddDays(153));
        directory.Trunks["192.0.2.10:5060"] = new Trunk("t1", "e1", Sector.Finance);
        directory.Ranges.Add(new AllocatedRange("13800000000", "13800009999", "e1", InboundOnly: false));
        var pipeline = ScreeningPipeline.CreateDefault(directory, ScreeningParameters.Defaults);
        CallAttempt At(DateTimeOffset at, string id) => new(Realm.Access, "13800000042", null, "13512345678", "192.0.2.10:5060", id, at);

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Screen(At(Noon.AddDays(153).AddMinutes(-1), "c1")).IsIntercepted, Is.False, "one minute before the evidence lapses");
            Assert.That(pipeline.Screen(At(Noon.AddDays(153), "c2")).Reason, Is.EqualTo("consent-lapsed"), "when the evidence lapses");
        });
    }

    [Test]
    public void AnAbandonedCallIsForgottenByTheOneRingRule()
    {
        var rule = new OneRingRule(ScreeningParameters.Defaults);
        var call = Call("13712345678", "13612345678", "a1", Noon);
        rule.OnAlerting(call, Noon);

        rule.OnEnded(call, CallEnd.Abandoned, Noon.AddHours(2));

        Assert.That(rule.Alerting, Is.Zero);
    }

    [Test]
    public void RingsLongerThanTheRingTimeAreDroppedWithoutAnyEnd()
    {
        var rule = new OneRingRule(ScreeningParameters.Defaults);
        for (var i = 0; i < 100; i++)
        {
            rule.OnAlerting(Call("13712345678", "13612345678", $"r{i}", Noon), Noon);
        }

        // No CANCEL, BYE or final response ever comes; the next alerting call after the ring time sweeps the rest.
        rule.OnAlerting(Call("13712345679", "13612345678", "late", Noon.AddSeconds(6)), Noon.AddSeconds(6));

        Assert.That(rule.Alerting, Is.EqualTo(1));
    }

    [Test]
    public void ThePipelinePassesCallEventsToTheCurrentRules()
    {
        var pipeline = ScreeningPipeline.CreateDefault(new FakeDirectory(), ScreeningParameters.Defaults);
        var call = Call("13712345678", "13612345678", "p1", Noon);

        pipeline.OnAlerting(call, Noon);

        Assert.That(pipeline.Rules.OfType<OneRingRule>().Single().Alerting, Is.EqualTo(1));
    }

    /// <summary>A directory whose one consent (e1 → 13512345678) is kept until a given instant.</summary>
    private sealed class ExpiringConsentDirectory(DateTimeOffset keepUntil) : IScreeningDirectory
    {
        public Dictionary<string, Trunk> Trunks { get; } = [];

        public List<AllocatedRange> Ranges { get; } = [];

        public Trunk? TrunkAt(string source) => Trunks.GetValueOrDefault(source);

        public AllocatedRange? RangeOf(string national) => Ranges.FirstOrDefault(r => r.Contains(national));

        public bool IsRoaming(string national) => false;

        public bool IsDoNotOriginate(string national) => false;

        public bool HasConsent(string enterpriseId, string callee) => (enterpriseId, callee) == ("e1", "13512345678");

        public bool HasConsent(string enterpriseId, string callee, DateTimeOffset at) => HasConsent(enterpriseId, callee) && at < keepUntil;

        public bool IsRefused(string enterpriseId, string callee) => false;
    }
}
