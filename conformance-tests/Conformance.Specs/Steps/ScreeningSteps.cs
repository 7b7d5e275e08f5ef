using Conformance.Fixtures;
using Conformance.Harness.Calls;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>Calls whose outcome each scenario judges by Call-ID, so earlier calls to the same callee cannot confuse it.</summary>
[Binding]
public sealed class ScreeningSteps(CallDriver calls, ProvisioningDriver provisioning, InterceptionExpectations interception, ScenarioState state, SuiteRun run)
{

    [When("the trunk calls the callee presenting a number of its own range")]
    public Task WhenOwnNumber() => Trunk(provisioning.OwnNumber());

    [When(@"the trunk calls the callee presenting a number of its own range in \+86 form")]
    public Task WhenOwnNumberPlus86() => Trunk("+86" + provisioning.OwnNumber());

    [When("the trunk attempts to present a domestic mobile number outside its ranges")]
    public Task WhenForeignToTrunk() => Trunk(state.Numbers.DomesticMobile());

    [When("the trunk attempts to present its own number in From while asserting a number outside its ranges")]
    public Task WhenAssertsOutside() => Trunk(provisioning.OwnNumber(), state.Numbers.DomesticMobile());

    [When("a call arrives at the access realm from an address no trunk is provisioned for")]
    public Task WhenUnknownSource() => calls.PlaceCallAsync(Realms.Access, new CallSpec(state.Numbers.DomesticMobile(), state.Callee));

    [When("a call handed over by a domestic carrier (?:attempts to present|presents) (.+)")]
    public Task WhenDomesticCarrierPresents(string kind) =>
        calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(CallingNumberKinds.Make(kind, state.Numbers), state.Callee));

    [When("the listed number calls the callee through a domestic carrier")]
    public Task WhenListedFromCarrier() => calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Listed, state.Callee));

    /// <summary>
    /// One call at each of the realm's entry points (the call driver first gives a system of several the second the
    /// standard allows for a change provisioned through one to be in force on all).
    /// </summary>
    [When("the listed number calls the callee through a domestic carrier at every entry point")]
    public async Task WhenListedAtEveryEntryPoint()
    {
        var endpoints = run.RequireEndpoints();
        var count = endpoints.EntryPointCount(Realms.Interconnect);
        for (var i = 0; i < count; i++)
        {
            state.Batch.Add(await calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Listed, state.Callee), endpoints.EntryPoint(Realms.Interconnect, i)));
        }
    }

    [Then("every one of those calls is intercepted and never forwarded")]
    public async Task ThenBatchBlocked()
    {
        Assert.That(state.Batch, Is.Not.Empty, "no calls were placed");
        foreach (var call in state.Batch)
        {
            await calls.ExpectBlockedAsync(call, interception);
        }
    }

    [When("the roaming subscriber calls from abroad presenting their number in (.+) form")]
    public Task WhenRoamingCalls(string form) =>
        calls.PlaceCallAsync(Realms.International, new CallSpec(NumberForm.Present(state.Listed, form), state.Callee));

    [When(@"a call (from abroad|from a domestic carrier) that would be intercepted dials the emergency number (\d+)")]
    public async Task WhenEmergency(string origin, string emergency)
    {
        state.Callee = emergency;
        var caller = origin == "from abroad" ? "+86" + state.Numbers.DomesticMobile() : state.Numbers.DomesticMobile()[..10];
        await calls.PlaceCallAsync(origin == "from abroad" ? Realms.International : Realms.Interconnect, new CallSpec(caller, emergency));
    }

    [When("the caller calls the callee as many times as the bombing limit")]
    public async Task WhenBombingLimit()
    {
        for (var i = 0; i < run.Target.Parameters.BombingLimit; i++)
        {
            state.Batch.Add(await calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Callee)));
        }
    }

    [When("the caller calls the callee once more")]
    [When("the caller attempts to call the callee once more")]
    public Task WhenCallerOnceMore() => calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Callee));

    [When("another caller calls the same callee")]
    public Task WhenAnotherCaller() => calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Numbers.DomesticMobile(), state.Callee));

    [When("the trunk calls the callee as many times as the (short|daily) marketing limit allows")]
    public async Task WhenMarketingLimit(string which)
    {
        var p = run.Target.Parameters;
        var count = which == "short" ? p.MarketingShortLimit : p.MarketingDailyLimit - p.MarketingShortLimit;
        for (var i = 0; i < count; i++)
        {
            await Trunk(provisioning.OwnNumber());
            state.Batch.Add(state.LastCall!);
        }
    }

    [When("the trunk calls the callee once more")]
    [When("the trunk attempts to call the callee once more")]
    public Task WhenTrunkOnceMore() => Trunk(provisioning.OwnNumber());

    [Then("every one of those calls reaches the callee")]
    public void ThenBatchReached()
    {
        Assert.That(state.Batch, Is.Not.Empty, "no calls were placed");
        foreach (var call in state.Batch)
        {
            calls.ExpectReached(call);
        }
    }

    [Then("the call reaches the callee")]
    [Then("the emergency call reaches its destination")]
    public void ThenReached() => calls.ExpectReached(state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario."));

    [Then("the call is intercepted and never forwarded")]
    public Task ThenBlocked() => calls.ExpectBlockedAsync(state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario."), interception);

    [Then("the forwarded call presents the trunk's number unchanged")]
    public void ThenUnchanged()
    {
        var call = state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario.");
        calls.ExpectFromNumberUnchanged(call, call.Invite.From?.Uri.Number ?? string.Empty);
    }

    private Task Trunk(string from, string? asserted = null) =>
        calls.PlaceTrunkCallAsync(provisioning.RequireTrunk(), new CallSpec(from, state.Callee, asserted));
}
