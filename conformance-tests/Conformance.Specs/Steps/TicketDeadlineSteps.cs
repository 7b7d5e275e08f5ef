using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>Steps of a ticket, its deadlines in working days and the overdue list (spec/features/reporting/ticket_deadlines.feature).</summary>
[Binding]
public sealed class TicketDeadlineSteps(TicketDeadlineDriver deadlines, TicketDriver tickets, TicketScenario scenario, SuiteRun run)
{
    [Given("the test clock reads 10:00 Beijing time on a coming Friday")]
    public Task GivenFriday() => deadlines.SetClockToComingAsync(DayOfWeek.Friday);

    [Given("the test clock reads 10:00 Beijing time on that Tuesday")]
    public Task GivenThatTuesday() => deadlines.SetClockToTuesdayAsync();

    [Given("the holiday calendar makes the Wednesday to Friday after a coming Tuesday public holidays and the Saturday after them a make-up working day")]
    public Task GivenHolidays() => deadlines.SetHolidaysAfterComingTuesdayAsync();

    [When("the ticket is recorded as (forwarded|answered|notified)")]
    public Task WhenStep(string step) => tickets.StepAsync(step);

    [When("the ticket is attempted to be recorded as (forwarded|answered|notified)")]
    public async Task WhenAttempted(string step) => scenario.LastAnswer = await tickets.AttemptStepAsync(step);

    [When("the test clock reaches one minute before the ticket's deadline")]
    public Task WhenJustBefore() => deadlines.MoveClockToDeadlineAsync(TimeSpan.FromMinutes(-1));

    [When("the test clock passes the ticket's deadline")]
    public Task WhenPast() => deadlines.MoveClockToDeadlineAsync(TimeSpan.FromMinutes(1));

    [Then("the ticket is due to be forwarded by the end of the working days for forwarding after the day it was received")]
    public Task ThenForwardBy() => deadlines.ExpectDeadlineAsync("forwardBy", "receivedAt", run.Target.Parameters.ForwardReportDays);

    [Then("the ticket is due to be answered by the end of the working days for answering after the day it was forwarded")]
    public Task ThenAnswerBy() => deadlines.ExpectDeadlineAsync("answerBy", "forwardedAt", run.Target.Parameters.AnswerReportDays);

    [Then("the ticket is due to tell the reporter by the end of the working days for telling after the day it was answered")]
    public Task ThenNotifyBy() => deadlines.ExpectDeadlineAsync("notifyBy", "answeredAt", run.Target.Parameters.NotifyReportDays);

    [Then("that deadline falls after the three public holidays")]
    public Task ThenAfterHolidays() => deadlines.ExpectForwardingAfterHolidaysAsync();

    [Then("the system's calendar of that year lists those three holidays and that make-up working day")]
    public Task ThenCalendarListed() => deadlines.ExpectCalendarListsHolidaysAsync();

    [Then("the ticket is not listed overdue")]
    public Task ThenNotOverdue() => deadlines.ExpectOverdueAsync(null);

    [Then(@"the ticket is listed overdue at stage ""(forward|answer|notify)""")]
    public Task ThenOverdue(string stage) => deadlines.ExpectOverdueAsync(stage);

    [Then("the ticket is in state \"notified\" with the time of each step, in order")]
    public Task ThenStepsInOrder() => deadlines.ExpectStepsInOrderAsync();

    [Then(@"the step is refused 409 with problem\+json")]
    public void ThenStepRefused() => TicketDriver.ExpectProblem(scenario.LastAnswer, 409);

    [Then(@"the ticket is in state ""(received|forwarded|answered|notified)""")]
    public async Task ThenState(string expected)
    {
        var ticket = await tickets.TicketAsync();
        NUnit.Framework.Assert.That(ticket.TryGetProperty("state", out var s) ? s.GetString() : null, NUnit.Framework.Is.EqualTo(expected), $"the ticket's state: {ticket}");
    }
}
