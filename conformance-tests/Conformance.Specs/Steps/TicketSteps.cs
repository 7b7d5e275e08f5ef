using System.Text.Json;
using Conformance.Harness.Tickets;
using Conformance.Specs.Drivers;
using Conformance.Specs.Support;
using NUnit.Framework;
using TechTalk.SpecFlow;

namespace Conformance.Specs.Steps;

/// <summary>Report intake, tickets, duplicates and the Idempotency-Key (spec/features/reporting/report_intake.feature), and who may follow and move a ticket (ticket_access.feature).</summary>
[Binding]
public sealed class TicketSteps(TicketDriver tickets, TicketScenario scenario, ScenarioState state, SuiteRun run)
{
    [When(@"a subscriber reports the caller as ""(.+)"" through the ""(.+)"" channel")]
    public Task WhenReported(string category, string channel) => tickets.ReportAsync(category, channel);

    [When(@"the same subscriber reports the caller again as ""(.+)"" through the ""(.+)"" channel with another text")]
    public Task WhenRepeated(string category, string channel) => tickets.ReportAsync(category, channel, "called again, reported once more");

    [When(@"another subscriber reports the caller as ""(.+)"" through the ""(.+)"" channel")]
    public Task WhenAnotherReports(string category, string channel) => tickets.ReportAsync(category, channel, another: true);

    [When("a subscriber attempts to report the caller with a text (one character longer than|as long as) the report text limit")]
    public Task WhenTextAtLimit(string relation) =>
        tickets.ReportAsync("harassment", "web", new string('举', run.Target.Parameters.ReportTextLimit + (relation == "as long as" ? 0 : 1)));

    [When(@"a subscriber reports the caller as ""(.+)"" through the ""(.+)"" channel with a new Idempotency-Key")]
    public Task WhenReportedWithKey(string category, string channel)
    {
        scenario.IdempotencyKey = Guid.NewGuid().ToString();
        return tickets.ReportAsync(category, channel, idempotencyKey: scenario.IdempotencyKey);
    }

    [When("the same report is sent again with the same Idempotency-Key")]
    public Task WhenRetried() => tickets.ResendAsync(scenario.FirstReport ?? throw new InvalidOperationException("No report was sent."), scenario.IdempotencyKey);

    [When("a report of another number is sent with the same Idempotency-Key")]
    public Task WhenKeyReused()
    {
        scenario.OtherNumber = state.Numbers.DomesticMobile();
        var first = scenario.FirstReport ?? throw new InvalidOperationException("No report was sent.");
        return tickets.ResendAsync(first with { Number = scenario.OtherNumber }, scenario.IdempotencyKey);
    }

    [When(@"the reporter's app reports the caller as ""(.+)""")]
    public Task WhenAppReports(string category) => tickets.AppReportAsync(category);

    [Then("the report is answered 201 with a ticket id")]
    public void ThenTicket() => TicketDriver.ExpectCreatedWithTicket(scenario.LastAnswer);

    [Then(@"the ticket holds the caller's number, the category ""(.+)"" and the channel ""(.+)"", in state ""(.+)""")]
    public async Task ThenTicketHolds(string category, string channel, string ticketState)
    {
        var ticket = await tickets.TicketAsync();
        Assert.Multiple(() =>
        {
            Assert.That(tickets.TicketId, Is.EqualTo(Field(ticket, "id")), $"the ticket read is another: {ticket}");
            Assert.That(TicketDriver.National(Field(ticket, "number")), Is.EqualTo(TicketDriver.National(state.Caller)), $"the ticket names another number: {ticket}");
            Assert.That(Field(ticket, "category"), Is.EqualTo(category), $"the ticket's category: {ticket}");
            Assert.That(Field(ticket, "channel"), Is.EqualTo(channel), $"the ticket's channel: {ticket}");
            Assert.That(Field(ticket, "state"), Is.EqualTo(ticketState), $"the ticket's state: {ticket}");
        });
    }

    [Then(@"the ticket is routed to the department ""(.+)""")]
    public async Task ThenRouted(string department)
    {
        var ticket = await tickets.TicketAsync();
        Assert.That(Field(ticket, "department"), Is.EqualTo(department), $"the ticket of a {Field(ticket, "category")} report went to another department: {ticket}");
    }

    [Then(@"the report is refused 400 with problem\+json naming the field ""(.+)""")]
    public void ThenRefused(string field) => TicketDriver.ExpectProblem(scenario.LastAnswer, 400, field);

    [Then(@"that report is refused 422 with problem\+json naming the field ""(.+)""")]
    public void ThenRefusedUnprocessable(string field) => TicketDriver.ExpectProblem(scenario.LastAnswer, 422, field);

    [Then(@"the caller's number has (no|\d+) tickets?")]
    public async Task ThenTicketCount(string count)
    {
        var list = await tickets.TicketsOfAsync(state.Caller);
        var expected = count == "no" ? 0 : int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(list, Has.Count.EqualTo(expected), $"{state.Caller} has {list.Count} ticket(s), not {expected}: {string.Join("; ", list)}");
    }

    [Then("the other number has no ticket")]
    public async Task ThenOtherNumberHasNone()
    {
        var list = await tickets.TicketsOfAsync(scenario.OtherNumber ?? throw new InvalidOperationException("No other number was reported."));
        Assert.That(list, Is.Empty, $"the report refused for its reused key opened a ticket: {string.Join("; ", list)}");
    }

    [Then("the repeat is answered 201 with the first report's ticket id, marked duplicate")]
    public void ThenRepeatMeetsTicket() => ExpectSameTicket(duplicate: true);

    [Then("the retry is answered 201 with the first report's ticket id, not marked duplicate")]
    public void ThenRetryAnsweredAsFirst() => ExpectSameTicket(duplicate: false);

    [Then("the second report is answered 201 with a ticket id other than the first's, not marked duplicate")]
    public void ThenSecondTicket()
    {
        TicketDriver.ExpectCreatedWithTicket(scenario.LastAnswer);
        Assert.Multiple(() =>
        {
            Assert.That(scenario.LastAnswer!.Field("ticket"), Is.Not.EqualTo(tickets.TicketId), "a second reporter's report was answered with the first reporter's ticket");
            TicketDriver.ExpectDuplicate(scenario.LastAnswer, duplicate: false);
        });
    }

    [Then(@"the reporter's key reads the ticket, in state ""(.+)""")]
    public async Task ThenReporterReads(string ticketState)
    {
        var ticket = await tickets.TicketAsync("reporter");
        Assert.Multiple(() =>
        {
            Assert.That(Field(ticket, "id"), Is.EqualTo(tickets.TicketId), $"the reporter read another ticket: {ticket}");
            Assert.That(Field(ticket, "state"), Is.EqualTo(ticketState), $"the ticket's state: {ticket}");
        });
    }

    [Then(@"another reporter's key asking for the ticket is answered 404 with problem\+json")]
    public async Task ThenAnotherReporterRefused()
    {
        var answer = await tickets.Client("another-reporter").TicketAsync(tickets.TicketId, state.Evidence);
        TicketDriver.ExpectProblem(answer, 404);
        Assert.That(answer.Body, Does.Not.Contain(TicketDriver.National(state.Caller)), "the refusal tells the other reporter the reported number");
    }

    [Then(@"the reporter's key recording the ticket as forwarded is refused 403 with problem\+json")]
    public async Task ThenReporterCannotStep() => TicketDriver.ExpectProblem(await tickets.AttemptStepAsync("forwarded", "reporter"), 403);

    private void ExpectSameTicket(bool duplicate)
    {
        TicketDriver.ExpectCreatedWithTicket(scenario.LastAnswer);
        Assert.Multiple(() =>
        {
            Assert.That(scenario.LastAnswer!.Field("ticket"), Is.EqualTo(tickets.TicketId), $"answered with another ticket than the first report's: {scenario.LastAnswer.Body}");
            TicketDriver.ExpectDuplicate(scenario.LastAnswer, duplicate);
        });
    }

    private static string? Field(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
