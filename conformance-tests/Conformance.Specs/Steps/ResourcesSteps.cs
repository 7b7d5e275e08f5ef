using Conformance.Harness.Calls;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class ResourcesSteps(ResourcesDriver resources, ResourcesState resourcesState, CallDriver calls, ProvisioningDriver provisioning, ScenarioState state)
{
    [Given("the enterprise's qualification is recorded in full")]
    public Task GivenQualified() => resources.QualifyTheEnterpriseAsync();

    [Given("the enterprise's qualification is recorded without (its business scope|where its numbers connect|the use of its numbers)")]
    public Task GivenQualifiedWithout(string part) => resources.QualifyTheEnterpriseAsync(without: part switch
    {
        "its business scope" => "businessScope",
        "where its numbers connect" => "connectsTo",
        _ => "use",
    });

    [Given("the enterprise's qualification is recorded in full but expired a day ago")]
    public Task GivenExpired() => resources.QualifyTheEnterpriseAsync(expired: true);

    [Given("a second enterprise whose qualification is recorded in full")]
    public Task GivenSecond() => resources.SecondEnterpriseAsync();

    [When("the carrier attempts to allocate a fresh 400 number to the enterprise")]
    public Task WhenAttemptNumber() => resources.AllocateNumberAsync(attempt: true);

    [When("the carrier allocates a fresh 400 number to the enterprise")]
    public Task WhenNumber() => resources.AllocateNumberAsync(attempt: false);

    [When("the carrier attempts to allocate the trunk's number block to the enterprise")]
    public Task WhenAttemptBlock() => resources.AllocateBlockAsync(attempt: true);

    [Given("the trunk's number block is allocated to the enterprise")]
    [When("the carrier allocates the trunk's number block to the enterprise")]
    public Task WhenBlock() => resources.AllocateBlockAsync(attempt: false);

    [When("the carrier reissues the number to the second enterprise")]
    public Task WhenReissue() => resources.ReissueAsync();

    [Then(@"the allocation is refused with problem\+json naming ""(.+)""")]
    public void ThenRefused(string field) => resources.ExpectRefused(field);

    [Then("the allocations of the (number|trunk) list none")]
    public Task ThenNone(string by) => resources.ExpectNoAllocationsAsync(by);

    [Then("the allocations of the number name the enterprise as its holder since the allocation")]
    public Task ThenHeld() => resources.ExpectNumberHeldAsync();

    [Then("the allocations of the trunk list its number block held by the enterprise since the allocation")]
    public Task ThenBlockHeld() => resources.ExpectBlockHeldAsync();

    [Then("the allocations of the number show the enterprise until the reissue and the second enterprise since it")]
    public Task ThenReissued() => resources.ExpectReissueRecordedAsync();

    [When("the trunk attempts to present a number outside its allocated block")]
    public async Task WhenOutside() => resourcesState.Outside.Add(await Call(state.Numbers.DomesticMobile()));

    [When("the trunk calls the callee presenting a number of its allocated block")]
    public async Task WhenInside() => resourcesState.Inside.Add(await Call(provisioning.OwnNumber()));

    [Then("the audit of the trunk flags that call with its time, calling number and Call-ID")]
    public Task ThenFlagged() => resources.ExpectAuditAsync(insideToo: false);

    [Then("the audit of the trunk does not flag the call presenting a number of its block")]
    public Task ThenNotFlagged() => resources.ExpectAuditAsync(insideToo: true);

    [Given("the carrier has suspended the trunk for harassing calls")]
    public Task GivenSuspended() => resources.SuspendAsync();

    [When("the carrier lifts the trunk's suspension")]
    public Task WhenLifted() => resources.LiftAsync();

    [When("the trunk attempts to call the callee presenting a number of its own range")]
    public Task WhenSuspendedTrunkCalls() => Call(provisioning.OwnNumber());

    [Given("another carrier has listed the enterprise on the joint-discipline list for harassing calls")]
    [When("another carrier lists the enterprise on the joint-discipline list for harassing calls")]
    public Task WhenOtherCarrierLists() => resources.OtherCarrierListsAsync();

    [Given("the carrier has listed the enterprise on the joint-discipline list for harassing calls")]
    public Task GivenCarrierListed() => resources.CarrierListsAsync();

    [Then("the carrier's operator finds the entry on the joint-discipline list, naming the other carrier, the reason and the date")]
    public Task ThenEntryShared() => resources.ExpectOtherCarriersEntryAsync();

    private Task<CallResult> Call(string from) => calls.PlaceTrunkCallAsync(provisioning.RequireTrunk(), new CallSpec(from, state.Callee));
}
