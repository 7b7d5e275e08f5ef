using System.Text.Json;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class StirSteps(StirDriver stir, CallDriver calls, ProvisioningDriver provisioning, ScenarioState state)
{
    private ProvisionedTrunk? _firstTrunk;
    private Harness.Calls.CallResult? _secondTrunkCall;

    [Given("a domestic carrier provisioned to sign every call")]
    public Task GivenSigningCarrier() => stir.ProvisionSigningCarrierAsync();

    [When(@"the (caller|signing carrier) (?:attempts to call|calls) the callee with an Identity header (.+)")]
    public Task WhenSignedCall(string who, string identity) => stir.CallFromCarrierAsync(who == "signing carrier", identity);

    [When(@"the (caller|signing carrier) (?:attempts to call|calls) the callee without an Identity header")]
    public Task WhenUnsignedCall(string who) => stir.CallFromCarrierAsync(who == "signing carrier", "none");

    [When("the trunk calls the callee presenting a number of its own range with an Identity header of its own")]
    public Task WhenTrunkSendsIdentity() => stir.CallFromTrunkAsync(provisioning.RequireTrunk(), provisioning.OwnNumber(), state.Callee, withOwnIdentity: true);

    [When("the trunk calls two callees presenting numbers of its own range")]
    public async Task WhenTrunkCallsTwo()
    {
        _firstTrunk = provisioning.RequireTrunk();
        for (var i = 0; i < 2; i++)
        {
            calls.ExpectReached(await stir.CallFromTrunkAsync(_firstTrunk, provisioning.OwnNumber(), state.Numbers.DomesticMobile()));
        }
    }

    [When("a second enterprise's trunk calls a callee presenting a number of its own range")]
    public async Task WhenSecondTrunkCalls()
    {
        var second = await provisioning.EnterpriseWithTrunkAsync("other");
        _secondTrunkCall = await stir.CallFromTrunkAsync(second, provisioning.OwnNumber(), state.Numbers.DomesticMobile());
        calls.ExpectReached(_secondTrunkCall);
    }

    [Then("the forwarded call carries an Identity header that verifies with the SUT's certificate")]
    public Task ThenVerifies() => stir.ExpectVerifiedIdentityAsync(LastCall());

    [Then(@"its PASSporT attests ""(A|B|C)"" for the trunk's number and the callee, issued within the freshness")]
    public Task ThenAttestsTrunk(string attest) =>
        ExpectClaimsAsync(attest, StirDriver.Tn(LastCall().Invite.From!.Uri.Number!));

    [Then(@"its PASSporT attests ""(A|B|C)"" for ""(\d+)"" and the callee, issued within the freshness")]
    public Task ThenAttests(string attest, string origTn) => ExpectClaimsAsync(attest, origTn);

    [Then("both calls of the first trunk carry the same origid, a UUID")]
    public async Task ThenSameOrigid()
    {
        var first = await stir.ExpectVerifiedIdentityAsync(stir.Placed[0]);
        var second = await stir.ExpectVerifiedIdentityAsync(stir.Placed[1]);
        Assert.That(Guid.TryParse(first.OrigId, out _), Is.True, $"origid {first.OrigId} is not a UUID (RFC 8588 §4)");
        Assert.That(second.OrigId, Is.EqualTo(first.OrigId), "two calls of one trunk carry different origids");
    }

    [Then("the second trunk's call carries a different origid")]
    public async Task ThenDifferentOrigid()
    {
        var first = await stir.ExpectVerifiedIdentityAsync(stir.Placed[0]);
        var other = await stir.ExpectVerifiedIdentityAsync(_secondTrunkCall ?? throw new InvalidOperationException("The second trunk placed no call."));
        Assert.That(other.OrigId, Is.Not.EqualTo(first.OrigId), "calls of two trunks carry the same origid: a traceback by origid could not tell them apart");
    }

    [Then(@"the call reaches the callee marked verstat ""(.+)""")]
    public void ThenVerstat(string verstat)
    {
        calls.ExpectReached(LastCall());
        stir.ExpectVerstat(LastCall(), verstat);
    }

    [Then(@"the attempt fails with (\d{3}) ""(.+)""")]
    public void ThenRefused(int status, string reason)
    {
        var final = calls.ExpectFinalResponse();
        Assert.That((final.StatusCode, final.ReasonPhrase), Is.EqualTo((status, reason)), "RFC 8224 §6.2.2 assigns this failure its own response");
    }

    private async Task ExpectClaimsAsync(string attest, string origTn)
    {
        var token = await stir.ExpectVerifiedIdentityAsync(LastCall());
        Assert.Multiple(() =>
        {
            Assert.That(token.Attest, Is.EqualTo(attest), "attest (RFC 8588 §4)");
            Assert.That(token.OrigTn, Is.EqualTo(origTn), "orig.tn: E.164 digits without +");
            Assert.That(token.DestTns, Does.Contain(StirDriver.Tn(state.Callee)), "dest.tn");
            Assert.That(Guid.TryParse(token.OrigId, out _), Is.True, $"origid {token.OrigId} is not a UUID");
            Assert.That(JsonSerializer.Serialize(token.Typ), Is.EqualTo("\"passport\""), "typ");
        });
    }

    private Harness.Calls.CallResult LastCall() => state.LastCall ?? throw new InvalidOperationException("No call was placed in this scenario.");
}
