using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class LabellingSteps(LabellingDriver labels, CallDriver calls, ClockDriver clock, ScenarioState state, SuiteRun run)
{
    [Given(@"as many distinct reporters as the label threshold have reported the caller as ""(.+)""")]
    [When(@"as many distinct reporters as the label threshold report the caller as ""(.+)""")]
    public Task WhenThresholdReports(string category) => labels.ReportAsync(labels.Threshold, category);

    [When(@"one fewer distinct reporters than the label threshold report the caller as ""(.+)""")]
    public Task WhenOneFewerReport(string category) => labels.ReportAsync(labels.Threshold - 1, category);

    [When("the first of them reports the caller again as many times as the label threshold")]
    public Task WhenRepeats() => labels.RepeatAsync(labels.Threshold);

    [When("the label window passes")]
    public Task WhenWindowPasses() => clock.AdvanceAsync(TimeSpan.FromDays(run.Target.Parameters.LabelWindowDays) + TimeSpan.FromMinutes(1));

    [When(@"a reporter attempts to report the caller as ""(.+)""")]
    public Task WhenAttemptCategory(string category) => labels.AttemptReportAsync(state.Caller, category, "suspicious call");

    [When(@"a reporter attempts to report the number ""(.+)"" as ""(.+)""")]
    public Task WhenAttemptNumber(string number, string category) => labels.AttemptReportAsync(number, category, "suspicious call");

    [When("a reporter attempts to report the caller with a text one character longer than the report text limit")]
    public Task WhenAttemptOversizedText() => labels.AttemptReportAsync(state.Caller, "harassment", new string('扰', run.Target.Parameters.ReportTextLimit + 1));

    [When("a reporter attempts to report the caller with a text as long as the report text limit")]
    public Task WhenAttemptLongestText() => labels.AttemptReportAsync(state.Caller, "harassment", new string('扰', run.Target.Parameters.ReportTextLimit));

    [Then("the report is accepted")]
    public void ThenAccepted() => labels.ExpectAccepted();

    [Then(@"the attempt fails with problem\+json naming the field ""(.+)""")]
    public void ThenRefused(string field) => labels.ExpectRefused(field);

    [Then(@"the lookup of the caller answers the category ""(.+)"" named ""(.+)"" with the count of distinct reporters, from source ""reports""")]
    public Task ThenReportedLabel(string category, string name) => labels.ExpectReportedLabelAsync(category, name);

    [Then(@"the lookup of the caller answers the category ""(.+)"" from source ""(.+)""")]
    public Task ThenLabel(string category, string source) => labels.ExpectLabelAsync(category, source, raisedBySignalling: source == "carrier-analytics");

    [Then(@"the lookup of the caller names the holder ""(.+)""")]
    public async Task ThenHolder(string holder)
    {
        var label = await labels.ExpectLabelAsync("delivery", "enterprise-declaration");
        NUnit.Framework.Assert.That(label.TryGetProperty("holder", out var h) ? h.GetString() : null, NUnit.Framework.Is.EqualTo(holder), "lookup: holder");
    }

    [Then("the lookup of the caller finds no label")]
    public Task ThenNoLabel() => labels.ExpectNoLabelAsync();

    [Given(@"carrier analytics have flagged the caller as ""(.+)""")]
    public Task GivenFlagged(string category) => labels.FlagAsync(category);

    [Given(@"the enterprise ""(.+)"" has declared the caller's number as ""(.+)""")]
    [When(@"the enterprise ""(.+)"" declares the caller's number as ""(.+)""")]
    public Task WhenDeclared(string enterprise, string category) => labels.DeclareAsync(enterprise, category);

    [When(@"the enterprise ""(.+)"" attempts to declare the caller's number as ""(.+)""")]
    public Task WhenAttemptDeclare(string enterprise, string category) => labels.AttemptDeclareAsync(enterprise, category);

    [Then(@"the call reaches the callee labelled ""(.+)"" with Call-Info category ""(.+)"" from source ""(.+)""")]
    public async Task ThenLabelled(string name, string category, string source)
    {
        await calls.ExpectCalleeReachedAsync();
        labels.ExpectLabelHeaders(calls.ForwardedInvite(), name, category, source, LabelCount(source));
    }

    [Then("the call reaches the callee without a label")]
    public async Task ThenUnlabelled()
    {
        await calls.ExpectCalleeReachedAsync();
        labels.ExpectNoLabelHeaders(calls.ForwardedInvite());
    }

    [When(@"""(.+)"" appeals the label as (a reissued number|naming a different holder|not deserved)")]
    public Task WhenAppeal(string holder, string reason) => labels.AppealAsync(holder, reason switch
    {
        "a reissued number" => "reissued",
        "naming a different holder" => "different-holder",
        _ => "other",
    });

    [Then(@"the appeal is (cleared|pending|upheld)")]
    public Task ThenAppealState(string expected) => labels.ExpectAppealStateAsync(expected);

    [Then("the appeal is to be decided within the appeal deadline")]
    public Task ThenDeadline() => labels.ExpectDeadlineAsync();

    [When("the appeal deadline passes without a decision")]
    public Task WhenDeadlinePasses() => clock.AdvanceAsync(TimeSpan.FromDays(run.Target.Parameters.AppealDeadlineDays) + TimeSpan.FromMinutes(1));

    [Then("the appeal is among the overdue appeals, escalated as of its deadline")]
    public Task ThenOverdue() => labels.ExpectOverdueAsync(listed: true);

    [Then("the appeal is not among the overdue appeals")]
    public Task ThenNotOverdue() => labels.ExpectOverdueAsync(listed: false);

    [When("the appeal is decided in the holder's favour")]
    public Task WhenDecided() => labels.DecideAsync(clear: true);

    private int LabelCount(string source) => source == "reports" ? labels.Threshold : 0;
}
