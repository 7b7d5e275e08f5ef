using Conformance.Fixtures;
using Conformance.Harness.Calls;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class CallSteps(CallDriver calls, InterceptionExpectations interception, ScenarioState state)
{
    [Given("a callee in the national network")]
    public void GivenACallee() => state.Callee = state.Numbers.DomesticMobile();

    [When(@"a call from (abroad|a domestic carrier|an enterprise trunk) (?:attempts to present|presents) a domestic (mobile|fixed-line) number in (.+) form")]
    public Task WhenCallPresentsDomesticNumber(string origin, string kind, string form) =>
        calls.PlaceCallAsync(Realms.Of(origin), new CallSpec(NumberForm.Present(DomesticNumber(kind), form), state.Callee));

    [When(@"a call from abroad attempts to present a foreign number while asserting a domestic mobile number in (.+) form")]
    public Task WhenCallAssertsDomesticNumber(string form) =>
        calls.PlaceCallAsync(Realms.International, new CallSpec("+14155550199", state.Callee, NumberForm.Present(state.Numbers.DomesticMobile(), form)));

    [When(@"a call from abroad presents the foreign number ""(.+)""")]
    public Task WhenCallPresentsForeignNumber(string number) =>
        calls.PlaceCallAsync(Realms.International, new CallSpec(number, state.Callee));

    [Then("the call is intercepted with the network's blocking response")]
    public void ThenIntercepted() => interception.ExpectBlockingResponse(calls.ExpectFinalResponse());

    [Then("the blocking response names where the caller can seek redress")]
    public void ThenRedress() => interception.ExpectRedressContact(calls.ExpectFinalResponse());

    [Then("the callee receives no INVITE")]
    [Then("nothing reaches the callee")]
    [Then("nothing reaches the callee, parsed or not")]
    public Task ThenCalleeNotReached() => calls.ExpectCalleeNotReachedAsync();

    [Then("the callee receives the call")]
    public Task ThenCalleeReached() => calls.ExpectCalleeReachedAsync();

    [Then(@"the forwarded call presents ""(.+)"" unchanged")]
    public void ThenPresentsUnchanged(string number) =>
        calls.ExpectFromNumberUnchanged(state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario."), number);

    private string DomesticNumber(string kind) => kind == "mobile" ? state.Numbers.DomesticMobile() : state.Numbers.DomesticFixedLine();
}
