using Conformance.Specs.Drivers;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class RefusalSignallingSteps(CallDriver calls, InterceptionExpectations interception)
{
    [Then("the call is intercepted with the profile's response to a callee's refusal")]
    public void ThenRefusalResponse() => interception.ExpectBlockingResponse(calls.ExpectFinalResponse(), calleeRefused: true);

    [Then("the call is intercepted with the network's blocking response, not as the callee's refusal")]
    public void ThenNetworkResponse() => interception.ExpectBlockingResponse(calls.ExpectFinalResponse(), calleeRefused: false);
}
