using Conformance.Harness.Calls;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>One-ring callers labelled instead of intercepted for callees who chose so (INT-ONE-004).</summary>
[Binding]
public sealed class OneRingLabelSteps(CallDriver calls, CalleePreferenceDriver preferences, ScenarioState state)
{
    [When("the caller calls a new callee who chose labels over interception")]
    public async Task WhenLabelOnlyCallee()
    {
        state.Callee = state.Numbers.DomesticMobile();
        await preferences.PreferLabelsAsync(state.Callee);
        await calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Callee));
    }
}
