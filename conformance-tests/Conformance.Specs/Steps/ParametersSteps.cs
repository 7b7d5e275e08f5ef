using Conformance.Specs.Drivers;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class ParametersSteps(ParametersDriver parameters)
{
    [When("the lab attempts to set the parameters (.+)")]
    public Task WhenAttempt(string json) => parameters.AttemptAsync(json);

    [Then(@"the parameters are refused with problem\+json naming the field ""(.+)""")]
    public void ThenRefused(string field) => parameters.ExpectRefused(field);

    [Then("the parameters in force are those of the target file")]
    public Task ThenTargetParameters() => parameters.ExpectTargetParametersInForceAsync();
}
