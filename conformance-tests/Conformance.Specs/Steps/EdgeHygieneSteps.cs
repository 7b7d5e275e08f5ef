using Conformance.Specs.Drivers;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>A caller's own label and asserted identity stop at the network edge (INT-EDGE-001, -002).</summary>
[Binding]
public sealed class EdgeHygieneSteps(EdgeHygieneDriver edge)
{
    [When(@"a caller abroad labels its own call ""([^""]+)"" and presents the foreign number ""([^""]+)""")]
    public Task WhenAbroadLabelled(string label, string number) => edge.CallFromAbroadAsync(number, label: label);

    [When(@"the trunk calls the callee presenting a number of its own range with its own Call-Info label ""([^""]+)""")]
    public Task WhenTrunkLabelled(string label) => edge.CallFromTrunkAsync(label: label);

    [When(@"a caller abroad asserts its own identity ""([^""]+)"" as ""([^""]+)"" and presents the foreign number ""([^""]+)""")]
    public Task WhenAbroadAsserts(string displayName, string asserted, string number) =>
        edge.CallFromAbroadAsync(number, displayName: displayName, asserted: asserted);

    [When(@"the trunk calls the callee presenting a number of its own range asserting its own identity ""([^""]+)""")]
    public Task WhenTrunkAsserts(string displayName) => edge.CallFromTrunkAsync(displayName: displayName);

    [Then("the forwarded call carries no Call-Info label the caller wrote")]
    public void ThenNoOwnLabel() => edge.ExpectNoOwnLabel();

    [Then("the forwarded call carries no P-Asserted-Identity with the caller's display name")]
    public void ThenNoOwnDisplayName() => edge.ExpectNoOwnDisplayName();

    [Then("the forwarded call asserts no identity the caller asserted for itself")]
    public void ThenNoOwnAssertedNumber() => edge.ExpectNoOwnAssertedNumber();
}
