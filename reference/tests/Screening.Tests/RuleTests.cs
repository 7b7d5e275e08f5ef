using Screening.Directory;
using Screening.Rules;

namespace Screening.Tests;

public sealed class RuleTests
{
    private const string TrunkSource = "192.0.2.10:5060";
    private static readonly DateTimeOffset Noon = new(2026, 1, 15, 12, 0, 0, TimeSpan.FromHours(8));

    private FakeDirectory _directory = new();

    [SetUp]
    public void Provision()
    {
        _directory = new FakeDirectory();
        _directory.Trunks[TrunkSource] = new Trunk("t1", "e1", Sector.Finance);
        _directory.Ranges.Add(new AllocatedRange("13800000000", "13800009999", "e1", InboundOnly: false));
        _directory.Ranges.Add(new AllocatedRange("13900000000", "13900009999", "e2", InboundOnly: false));
        _directory.Consents.Add(("e1", "13512345678"));
    }

    private ScreeningPipeline Pipeline(ScreeningParameters? parameters = null, params string[] disabled) =>
        ScreeningPipeline.CreateDefault(_directory, parameters ?? ScreeningParameters.Defaults, disabled);

    private static CallAttempt Call(Realm realm, string from, string callee = "13512345678", DateTimeOffset? at = null, string? asserted = null, string id = "c1") =>
        new(realm, from, asserted, callee, realm == Realm.Access ? TrunkSource : "198.51.100.1:5060", id, at ?? Noon);

    [Test]
    public void ATrunkPresentingItsOwnNumberWithConsentIsAdmitted() =>
        Assert.That(Pipeline().Screen(Call(Realm.Access, "13800000042")), Has.Property(nameof(ScreeningDecision.IsIntercepted)).False);

    [TestCase("13900000042", "number-not-allocated")]
    [TestCase("13700000042", "number-not-allocated")]
    public void ATrunkPresentingAnotherNumberIsIntercepted(string from, string reason) =>
        Assert.That(Pipeline().Screen(Call(Realm.Access, from)).Reason, Is.EqualTo(reason));

    [Test]
    public void AnUnknownSourceOnTheAccessRealmIsIntercepted() =>
        Assert.That(Pipeline().Screen(Call(Realm.Access, "13800000042") with { Source = "192.0.2.99:5060" }).Reason, Is.EqualTo("unknown-trunk"));

    [Test]
    public void MarketingWithoutConsentIsIntercepted() =>
        Assert.That(Pipeline().Screen(Call(Realm.Access, "13800000042", callee: "13611112222")).Reason, Is.EqualTo("no-consent"));

    [Test]
    public void ARefusalBeatsConsent()
    {
        _directory.Refusals.Add((string.Empty, "13512345678"));

        Assert.That(Pipeline().Screen(Call(Realm.Access, "13800000042")).Reason, Is.EqualTo("callee-refused"));
    }

    [TestCase(7, 59, true)]
    [TestCase(8, 0, false)]
    [TestCase(20, 59, false)]
    [TestCase(21, 0, true)]
    public void MarketingKeepsToCallingHours(int hour, int minute, bool intercepted)
    {
        var at = new DateTimeOffset(2026, 1, 15, hour, minute, 0, TimeSpan.FromHours(8));

        Assert.That(Pipeline().Screen(Call(Realm.Access, "13800000042", at: at)).IsIntercepted, Is.EqualTo(intercepted));
    }

    [Test]
    public void TheCallPastTheBombingLimitIsInterceptedAndTheWindowSlides()
    {
        var pipeline = Pipeline();
        for (var i = 0; i < 10; i++)
        {
            Admit(pipeline, Call(Realm.Interconnect, "13712345678", at: Noon.AddSeconds(i)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Screen(Call(Realm.Interconnect, "13712345678", at: Noon.AddSeconds(10))).Reason, Is.EqualTo("call-bombing"));
            Assert.That(pipeline.Screen(Call(Realm.Interconnect, "13612345678", at: Noon.AddSeconds(10))).IsIntercepted, Is.False, "another caller");
            Assert.That(pipeline.Screen(Call(Realm.Interconnect, "13712345678", at: Noon.AddSeconds(61))).IsIntercepted, Is.False, "after the window");
        });
    }

    [Test]
    public void EmergencyCallsAreNeitherCountedNorBlocked()
    {
        var pipeline = Pipeline(ScreeningParameters.Defaults with { BombingLimit = 1 });
        Admit(pipeline, Call(Realm.Interconnect, "13712345678", callee: "110"));

        Assert.That(pipeline.Screen(Call(Realm.Interconnect, "13712345678", callee: "110")).RuleId, Is.EqualTo(ScreeningPipeline.EmergencyBypassId));
    }

    [Test]
    public void OneRingCallsToTheThresholdFlagTheCaller()
    {
        var parameters = ScreeningParameters.Defaults with { OneRingCallees = 3 };
        var pipeline = Pipeline(parameters);
        var rule = pipeline.Rules.OfType<OneRingRule>().Single();
        for (var i = 0; i < 3; i++)
        {
            var call = Call(Realm.Interconnect, "13712345678", callee: $"1361234000{i}", id: $"ring-{i}");
            Assert.That(pipeline.Screen(call).IsIntercepted, Is.False, $"call {i} precedes the flag");
            rule.OnAlerting(call, Noon);
            rule.OnEnded(call, CallEnd.Cancelled, Noon.AddSeconds(2));
        }

        Assert.That(pipeline.Screen(Call(Realm.Interconnect, "+8613712345678", callee: "13612349999", at: Noon.AddSeconds(3))).Reason, Is.EqualTo("one-ring-caller"));
    }

    [Test]
    public void LongRingsDoNotCount()
    {
        var pipeline = Pipeline(ScreeningParameters.Defaults with { OneRingCallees = 1 });
        var rule = pipeline.Rules.OfType<OneRingRule>().Single();
        var call = Call(Realm.Interconnect, "13712345678");
        rule.OnAlerting(call, Noon);
        rule.OnEnded(call, CallEnd.Cancelled, Noon.AddSeconds(6));

        Assert.That(pipeline.Screen(Call(Realm.Interconnect, "13712345678", at: Noon.AddSeconds(7))).IsIntercepted, Is.False);
    }

    [Test]
    public void ARoamingSubscriberMayPresentTheirNumberFromAbroad()
    {
        _directory.Roaming.Add("13712345678");

        Assert.Multiple(() =>
        {
            Assert.That(Pipeline().Screen(Call(Realm.International, "+8613712345678")).IsIntercepted, Is.False);
            Assert.That(Pipeline().Screen(Call(Realm.International, "+8613712345679")).IsIntercepted, Is.True);
        });
    }

    [Test]
    public void ImpossibleParametersAreRefused() =>
        Assert.That(() => Pipeline(ScreeningParameters.Defaults with { CallingHoursStart = TimeSpan.FromHours(22) }),
            Throws.ArgumentException.With.Message.Contains("marketing.callingHours"));

    private static void Admit(ScreeningPipeline pipeline, CallAttempt call)
    {
        var decision = pipeline.Screen(call);
        Assert.That(decision.IsIntercepted, Is.False, decision.Text);
        foreach (var observer in pipeline.Observers)
        {
            observer.OnScreened(call, decision);
        }
    }
}
