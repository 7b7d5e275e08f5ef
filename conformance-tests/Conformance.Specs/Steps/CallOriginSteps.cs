using Conformance.Specs.Drivers;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>The region of a call from abroad, named on the forwarded INVITE (INT-INTL-006).</summary>
[Binding]
public sealed class CallOriginSteps(CallDriver calls)
{
    [Then(@"the forwarded call names the region ""(.+)"" in a Call-Info entry of purpose origin")]
    public void ThenRegion(string region)
    {
        var entries = CallOrigin.Entries(calls.ForwardedInvite());
        Assert.That(entries, Does.Contain($"<urn:origin:{region}>;purpose=origin;region={region}"), $"found: {string.Join(" | ", entries)}");
    }

    [Then("the forwarded call carries no Call-Info entry of purpose origin")]
    public void ThenNoRegion() => Assert.That(CallOrigin.Entries(calls.ForwardedInvite()), Is.Empty, "a call from a domestic carrier was marked as coming from abroad");
}
