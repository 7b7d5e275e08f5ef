using Conformance.Specs.Drivers;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class TracebackSteps(TracebackDriver traceback)
{
    [Then(@"the traceback of the callee around the call finds it, from the trunk and its enterprise, decided ""(intercept|forward)"" with a reason")]
    public async Task ThenFoundDecided(string decision) => traceback.ExpectFound(await traceback.AroundTheCallAsync(), decision);

    [Then("the traceback of the callee around the call finds both calls, each from the trunk and its enterprise")]
    public async Task ThenFoundAll() => traceback.ExpectAllFound(await traceback.AroundTheCallAsync());

    [Then("the traceback of the callee in a window that ends before the calls finds no call")]
    public async Task ThenNoneBefore() => TracebackDriver.ExpectNone(await traceback.BeforeTheCallsAsync());

    [Then("the traceback of the caller finds the call, from the trunk and its enterprise")]
    public async Task ThenFoundByCaller() => traceback.ExpectFound(await traceback.ByCallerAsync());

    [Then("the traceback of the caller finds no call")]
    public async Task ThenNoneByCaller() => TracebackDriver.ExpectNone(await traceback.ByCallerAsync());

    [Then("the traceback by the origid the forwarded call carried finds the call, from the trunk and its enterprise")]
    public async Task ThenFoundByOrigId() => traceback.ExpectFound(await traceback.ByOrigIdAsync());

    [Then("the traceback of the caller with the regulator's key finds the call, from the trunk and its enterprise")]
    public async Task ThenRegulatorFinds() => traceback.ExpectFound(await traceback.ByCallerWithRoleKeyAsync("regulator"));

    [Then(@"the traceback of the caller with a key of another role is refused 403 with problem\+json")]
    public async Task ThenOtherRoleRefused()
    {
        var (status, contentType, body) = await traceback.ByCallerWithRoleAsync("other-role");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(403), $"a key of another role was answered {status}: {body}");
            Assert.That(contentType, Is.EqualTo("application/problem+json"), "the refusal is not problem+json");
            Assert.That(body, Does.Not.Contain("\"calls\""), "the refusal carries call records");
        });
    }

    [When("the test clock reaches one minute before the call record's retention ends")]
    public Task WhenJustBefore() => traceback.OneMinuteBeforeRetentionEndsAsync();

    [When("the test clock passes the end of the call record's retention")]
    public Task WhenPast() => traceback.PastRetentionAsync();
}
