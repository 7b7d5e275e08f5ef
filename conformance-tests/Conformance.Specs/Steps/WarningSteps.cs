using Conformance.Specs.Drivers;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

[Binding]
public sealed class WarningSteps(WarningDriver warnings)
{
    [When("the caller's call rings at a callee")]
    public Task WhenRings() => warnings.RingAsync(expectWarning: true);

    [When("the caller's call rings at a callee, who is not to be warned")]
    public Task WhenRingsQuietly() => warnings.RingAsync(expectWarning: false);

    [When(@"a call from abroad presenting the caller's number in \+86 form is intercepted")]
    public Task WhenIntercepted() => warnings.InterceptedCallAsync();

    [When(@"the push sink refuses the next (\d+) pushes")]
    [Given(@"the push sink refuses the next (\d+) pushes")]
    public void GivenPushRefusals(int count) => warnings.RefuseNextPushes(count);

    [Given("the suite's SMSC (answers ESME_RTHROTTLED|drops the link) at the next submission to the callee")]
    public void GivenSmscTrouble(string trouble) => warnings.SmscTrouble(trouble == "drops the link");

    [Given("the suite's SMSC answers every SMS to the callee with a delivery receipt saying (DELIVRD|UNDELIV|EXPIRED|REJECTD|DELETED)")]
    public void GivenReceipt(string stat) => warnings.ScriptReceipt(stat);

    [Then("the system under test records the SMS notice as (undeliverable|delivered), with the receipt saying ([A-Z]+)")]
    public Task ThenRecorded(string recordedState, string stat) => warnings.ExpectRecordedAsync(recordedState, stat);

    [Then(@"the callee gets a flash SMS \(data coding 0x18\) signed 【sender】 naming ""(.+)""")]
    public void ThenFlash(string name) => warnings.ExpectFlash(name);

    [Then("the SMSC refused a submission of this notice to the callee and accepted a later one of the same notice to the same callee")]
    public void ThenRefusedThenAccepted() => warnings.ExpectRefusedThenAccepted();

    [Then("the callee gets no SMS")]
    public void ThenNoSms() => warnings.ExpectNoSms();

    [Then(@"the callee gets an SMS notice \(data coding 0x08\) signed 【sender】 naming the caller's number")]
    public void ThenNotice() => warnings.ExpectInterceptionNotice();

    [Then("the SMS carries no URL, no number to call back and no request to reply")]
    public void ThenSmsClean() => warnings.ExpectSmsPassesTextCheck();

    [Then(@"the callee's app gets a ""(flash|interception)"" push as JSON")]
    public Task ThenPush(string kind) => warnings.ExpectPushAsync(kind);

    [Then("the push carries no URL, no number to call back and no request to reply")]
    public void ThenPushClean() => warnings.ExpectPushPassesTextCheck();

    [Then(@"the push was retried with back-off after the (\d+) refusals")]
    public void ThenRetried(int refusals) => warnings.ExpectRetriedWithBackOff(refusals);
}
