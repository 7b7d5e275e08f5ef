using Conformance.Harness.Calls;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using Sip;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class SignallingSteps(CallDriver calls, ScenarioState state)
{
    private (int Answers, SipResponse? Last) _retransmissionAnswers;

    [Given("the caller holds back its ACK of a rejection")]
    public void GivenAckHeld() => state.HoldAck = true;

    [When("the caller retransmits the same INVITE before acknowledging the final response")]
    public async Task WhenRetransmitted() => _retransmissionAnswers = await calls.RetransmitLastInviteAsync();

    [Then("the retransmission gets the same final response")]
    public void ThenSameFinalResponse()
    {
        var first = calls.ExpectFinalResponse();
        var (answers, last) = _retransmissionAnswers;

        // Timer G alone sends at most two in the second the suite counts: three say the retransmissions were answered.
        Assert.That(answers, Is.GreaterThanOrEqualTo(CallDriver.Retransmissions),
            "final responses to 3 INVITE retransmissions sent before the ACK, within 1 s (RFC 3261 §17.2.1, Completed)");
        Assert.That(last!.StatusCode, Is.EqualTo(first.StatusCode), "the retransmission was answered differently");
        Assert.That(last.To?.Tag, Is.EqualTo(first.To?.Tag), "the repeated final response must carry the same To tag");
    }

    [Then("the caller's ACK is absorbed: the final response is not repeated and the ACK reaches no one beyond the SUT")]
    public Task ThenAckAbsorbed() => calls.ExpectAckAbsorbedAsync();

    [When("a peer abroad sends the international realm (.+)")]
    public Task WhenGarbageSent(string garbage)
    {
        var draft = calls.DraftInvite(Realms.International, new CallSpec("+14155550123", state.Callee));
        return calls.SendGarbageAsync(Realms.International, Garbage.Make(garbage, draft, state.Numbers), garbage, draft);
    }

    [Then("a call from abroad presenting a foreign number is still forwarded")]
    public async Task ThenStillForwarded()
    {
        state.Callee = state.Numbers.DomesticMobile();
        await calls.PlaceCallAsync(Realms.International, new CallSpec("+442079460111", state.Callee));
        await calls.ExpectCalleeReachedAsync();
    }
}
