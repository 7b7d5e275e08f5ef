using Conformance.Harness.Calls;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class OneRingSteps(CallDriver calls, ClockDriver clock, ScenarioState state, SuiteRun run)
{
    [When(@"the caller rings (as many|one fewer) distinct callees (?:as|than) the one-ring threshold, cancelling each (at once|after the ring time)")]
    public async Task WhenRings(string howMany, string when)
    {
        var p = run.Target.Parameters;
        var count = howMany == "as many" ? p.OneRingCallees : p.OneRingCallees - 1;
        Func<Task> whileRinging = when == "at once"
            ? () => Task.CompletedTask
            : () => clock.AdvanceAsync(TimeSpan.FromSeconds(p.OneRingSeconds + 1));
        for (var i = 0; i < count; i++)
        {
            await calls.RingOnceAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Numbers.DomesticMobile()), whileRinging);
        }
    }

    [When("the caller's calls were answered more often than the one-ring rule allows")]
    public async Task WhenAnswered()
    {
        for (var i = 0; i <= run.Target.Parameters.OneRingMaxAnswers; i++)
        {
            calls.ExpectReached(await calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Numbers.DomesticMobile())));
        }
    }

    [When("the caller (?:attempts to call|calls) a new callee")]
    public Task WhenNewCallee()
    {
        state.Callee = state.Numbers.DomesticMobile();
        return calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Callee));
    }
}
