using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class ProvisioningSteps(ProvisioningDriver provisioning, ClockDriver clock, ScenarioState state, SuiteRun run)
{
    [Given(@"an enterprise of sector ""(.+)"" with a trunk in the access realm")]
    public Task GivenEnterprise(string sector) => provisioning.EnterpriseWithTrunkAsync(sector);

    [Given(@"an enterprise of sector ""(.+)"" whose trunk holds inbound-only call-centre numbers")]
    public Task GivenInboundOnly(string sector) => provisioning.EnterpriseWithTrunkAsync(sector, inboundOnly: true);

    [Given("the callee consented to the enterprise's marketing calls, with evidence")]
    public Task GivenConsent() => provisioning.ConsentAsync(state.Callee);

    [Given("the callee refused the enterprise's calls")]
    [When("the callee refuses the enterprise's calls")]
    public Task GivenRefusal() => provisioning.RefuseAsync(state.Callee, global: false);

    [Given("the callee refused all marketing calls")]
    public Task GivenGlobalRefusal() => provisioning.RefuseAsync(state.Callee, global: true);

    [Given("a domestic mobile subscriber registered as roaming abroad")]
    public Task GivenRoaming() => provisioning.ListedAsync("roaming", provisioning.RoamingAsync);

    [Given("a domestic mobile number on the do-not-originate list")]
    public Task GivenDoNotOriginate() => provisioning.ListedAsync("doNotOriginate", provisioning.DoNotOriginateAsync);

    [Given(@"it is (\d\d:\d\d) Beijing time")]
    public Task GivenTime(string time) => clock.SetBeijingTimeAsync(ClockDriver.ParseTimeOfDay(time));

    [Given("it is (one minute before the start|the start|one minute before the end|the end) of calling hours")]
    public Task GivenCallingHoursEdge(string moment)
    {
        var p = run.Target.Parameters;
        var at = moment switch
        {
            "one minute before the start" => p.CallingHoursStart - TimeSpan.FromMinutes(1),
            "the start" => p.CallingHoursStart,
            "one minute before the end" => p.CallingHoursEnd - TimeSpan.FromMinutes(1),
            _ => p.CallingHoursEnd,
        };
        return clock.SetBeijingTimeAsync(TimeSpan.FromTicks((at.Ticks + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay));
    }

    [Given("a caller on a domestic carrier")]
    public void GivenDomesticCaller() => state.Caller = state.Numbers.DomesticMobile();

    [When("the bombing window passes")]
    public Task WhenBombingWindowPasses() => clock.AdvanceAsync(TimeSpan.FromSeconds(run.Target.Parameters.BombingWindowSeconds + 1));

    [When("the short marketing window passes")]
    public Task WhenShortWindowPasses() => clock.AdvanceAsync(TimeSpan.FromMinutes(run.Target.Parameters.MarketingShortWindowMinutes) + TimeSpan.FromSeconds(1));
}
