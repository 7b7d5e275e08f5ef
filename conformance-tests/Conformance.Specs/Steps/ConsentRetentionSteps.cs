using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class ConsentRetentionSteps(ConsentRetentionDriver retention, ProvisioningDriver provisioning, ScenarioState state)
{
    [When("the test clock reaches one minute before the consent's retention ends")]
    public Task WhenJustBefore() => retention.OneMinuteBeforeTheEndAsync();

    [When("the test clock passes the end of the consent's retention")]
    public Task WhenPast() => retention.PastTheEndAsync();

    [When("the callee consents again, with evidence")]
    public Task WhenConsentsAgain() => provisioning.ConsentAsync(state.Callee);
}
