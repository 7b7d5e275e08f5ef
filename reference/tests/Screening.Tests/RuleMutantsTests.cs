namespace Screening.Tests;

/// <summary>The mutants switch exactly the decision they name, and a pipeline with none behaves as in service.</summary>
public sealed class RuleMutantsTests
{
    private static CallAttempt Call(Realm realm, string from, string callee = "13912345678", string source = "127.0.0.1:40000") =>
        new(realm, from, null, callee, source, "call-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UnixEpoch);

    [Test]
    public void WithoutTheEmergencyBypassAnEmergencyCallIsScreenedLikeAnyOther()
    {
        var decision = ScreeningPipeline.CreateDefault([RuleMutants.EmergencyBypass]).Screen(Call(Realm.International, "+8613812345678", callee: "110"));

        Assert.That(decision.IsIntercepted, Is.True);
    }

    [Test]
    public void TheInternationalRuleOnAnyRealmInterceptsADomesticCarriersPlus86Call() =>
        Assert.That(ScreeningPipeline.CreateDefault([RuleMutants.InternationalAnyRealm]).Screen(Call(Realm.Interconnect, "+8613812345678")).IsIntercepted, Is.True);

    [Test]
    public void TheServiceNumbersMutantInterceptsA95Number() =>
        Assert.That(ScreeningPipeline.CreateDefault([RuleMutants.ServiceNumbers]).Screen(Call(Realm.Interconnect, "95588")).IsIntercepted, Is.True);

    [Test]
    public void TheSignallingMutantsMistakeWhoseRefusalItIs()
    {
        var network = ScreeningPipeline.CreateDefault([RuleMutants.NetworkSignalling]).Screen(Call(Realm.International, "+8613812345678"));
        var inService = ScreeningPipeline.CreateDefault().Screen(Call(Realm.International, "+8613812345678"));

        Assert.That((network.IsCalleeRefusal, inService.IsCalleeRefusal), Is.EqualTo((true, false)));
    }

    [Test]
    public void BombingCountedPerCalleeCutsOffEveryCaller()
    {
        var parameters = ScreeningParameters.Defaults with { BombingLimit = 2 };
        var pipeline = ScreeningPipeline.CreateDefault(Directory.EmptyDirectory.Instance, parameters, [RuleMutants.BombingPerCallee]);
        foreach (var caller in new[] { "13812345678", "13812345679" })
        {
            var call = Call(Realm.Interconnect, caller);
            pipeline.OnScreened(call, pipeline.Screen(call));
        }

        Assert.That(pipeline.Screen(Call(Realm.Interconnect, "13812345670")).IsIntercepted, Is.True);
    }

    [Test]
    public void AnUnknownMutantIsRefusedNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ScreeningPipeline.CreateDefault(["no-such-mutant"]));

        Assert.That(error!.Message, Does.Contain("no-such-mutant").And.Contain(RuleMutants.EmergencyBypass));
    }
}
