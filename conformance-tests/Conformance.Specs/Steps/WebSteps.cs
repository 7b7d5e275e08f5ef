using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>The public web channel (@web): report, follow, look up and appeal on the system's portal, in a browser.</summary>
[Binding]
public sealed class WebSteps(WebDriver web, ScenarioState state)
{
    [When(@"a visitor reports the caller on the portal as ""(.+)"" with the text ""(.*)""")]
    public Task WhenReports(string category, string text) => web.ReportAsync(state.Caller, category, text);

    [Then("the portal answers with an id")]
    public void ThenId() => Assert.That(web.LastId, Is.Not.Null.And.Not.Empty.And.Length.LessThanOrEqualTo(64), "the portal's answer carries no id");

    [When("another visitor follows that id on the portal")]
    public Task WhenFollows() => web.FollowAsync();

    [Then(@"the portal shows it (received|pending|cleared|upheld)")]
    public void ThenState(string expected)
    {
        Assert.That(web.Followed, Is.Not.Null, $"the portal does not know the id {web.LastId} it answered");
        Assert.That(web.Followed!.State, Is.EqualTo(expected), $"{web.LastId} is shown {web.Followed.State}");
    }

    [Then("the portal shows the report's text exactly as it was typed, as text")]
    public void ThenTextAsTyped()
    {
        Assert.That(web.Followed?.Text, Is.EqualTo(web.TypedText), "the text shown differs from what was typed (markup run or text lost)");
    }

    [When("a visitor looks the caller up on the portal")]
    public Task WhenLooksUp() => web.LookupAsync(state.Caller);

    [Then(@"the portal shows the label ""(.+)"" from source ""(.+)""")]
    public void ThenLabel(string category, string source)
    {
        Assert.That(web.Looked, Is.Not.Null, "the portal shows no label");
        Assert.That((web.Looked!.Category, web.Looked.Source), Is.EqualTo((category, source)));
    }

    [Then("the portal shows no label")]
    public void ThenNoLabel() => Assert.That(web.Looked, Is.Null, $"the portal shows {web.Looked?.Category} from {web.Looked?.Source}");

    [When(@"""(.+)"" appeals the caller's label on the portal as a reissued number held since yesterday")]
    public Task WhenAppealsReissued(string holder) =>
        web.AppealAsync(state.Caller, holder, "reissued", DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8).AddDays(-1)), string.Empty);

    [When(@"""(.+)"" appeals the caller's label on the portal for another reason, explaining ""(.+)""")]
    public Task WhenAppealsOther(string holder, string text) => web.AppealAsync(state.Caller, holder, "other", null, text);
}
