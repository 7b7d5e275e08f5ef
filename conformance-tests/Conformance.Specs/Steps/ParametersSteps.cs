using Conformance.Harness.Calls;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class ParametersSteps(ParametersDriver parameters, CallDriver calls, ScenarioState state)
{
    [When("the lab attempts to set the parameters (.+)")]
    public Task WhenAttempt(string json) => parameters.AttemptAsync(json);

    [When("the lab sets parameters that differ from the defaults and from those in force")]
    public Task WhenSetDifferent() => parameters.SetDifferentAsync();

    [When("the caller calls the callee as many times as the bombing limit the lab set")]
    public async Task WhenBombingLimitSet()
    {
        var limit = (parameters.Set ?? throw new InvalidOperationException("The lab set no parameters in this scenario.")).BombingLimit;
        for (var i = 0; i < limit; i++)
        {
            state.Batch.Add(await calls.PlaceCallAsync(Realms.Interconnect, new CallSpec(state.Caller, state.Callee)));
        }
    }

    [Then(@"the parameters are refused with problem\+json naming the field ""(.+)""")]
    public void ThenRefused(string field) => parameters.ExpectRefused(field);

    [Then("the parameters in force are those of the target file")]
    public Task ThenTargetParameters() => parameters.ExpectTargetParametersInForceAsync();

    [Then("the parameters in force are those the lab set")]
    public Task ThenSetParameters() => parameters.ExpectSetParametersInForceAsync();

    /// <summary>Whatever the verdict, the target file's parameters are put back for the scenarios that follow.</summary>
    [AfterScenario]
    public Task RestoreParameters() => parameters.RestoreAsync();
}
