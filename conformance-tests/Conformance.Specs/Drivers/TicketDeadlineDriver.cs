using System.Globalization;
using System.Text.Json;
using Conformance.Harness.Tickets;
using Conformance.Specs.Support;
using NUnit.Framework;

namespace Conformance.Specs.Drivers;

/// <summary>
/// Deadlines of tickets in working days (REP-DDL): sets the SUT's test clock to chosen Beijing days, reckons each
/// deadline from the SUT's own holiday calendar (GET /v1/reporting/calendars/{year}) and holds the ticket's to it,
/// sets a calendar year of its own for the holiday scenarios (and puts the year back after the scenario), and reads
/// the overdue list.
/// </summary>
public sealed class TicketDeadlineDriver(SuiteRun run, ScenarioState state, TicketScenario tickets, TicketDriver driver)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sets the clock to 10:00 Beijing time on the next <paramref name="day"/> at least a day ahead.</summary>
    public async Task SetClockToComingAsync(DayOfWeek day)
    {
        var api = run.RequireManagement();
        var today = WorkingDayCalendar.BeijingDay(await api.ClockAsync(state.Evidence)).AddDays(1);
        while (today.DayOfWeek != day)
        {
            today = today.AddDays(1);
        }

        await SetClockToAsync(today);
    }

    public Task SetClockToTuesdayAsync() =>
        SetClockToAsync(tickets.HolidayTuesday ?? throw new InvalidOperationException("The scenario set no holiday calendar."));

    /// <summary>Makes the Wednesday to Friday after a coming Tuesday public holidays and the Saturday a make-up working day (PUT), keeping the year as it was to put back.</summary>
    public async Task SetHolidaysAfterComingTuesdayAsync()
    {
        var api = run.RequireManagement();
        var tuesday = WorkingDayCalendar.BeijingDay(await api.ClockAsync(state.Evidence)).AddDays(1);
        while (tuesday.DayOfWeek != DayOfWeek.Tuesday || tuesday.AddDays(21).Year != tuesday.Year)
        {
            tuesday = tuesday.AddDays(1);
        }

        var year = tuesday.Year;
        var before = await driver.Client().CalendarAsync(year, state.Evidence);
        Assert.That(before.Status, Is.AnyOf(200, 404), $"the calendar of {year} cannot be read: {before.Status} {before.Body}");
        tickets.ReplacedCalendar = (year, before.Status == 200 ? before.Body : null);
        var body = JsonSerializer.Serialize(new
        {
            source = "conformance suite (REP-DDL-002)",
            holidays = new[] { 1, 2, 3 }.Select(d => new { date = Day(tuesday.AddDays(d)), name = "holiday set by the conformance suite" }),
            workdays = new[] { new { date = Day(tuesday.AddDays(4)), name = "make-up working day set by the conformance suite" } },
        }, Json);
        var answer = await driver.Client().SetCalendarAsync(year, body, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(200), $"the calendar of {year} was not replaced: {answer.Status} {answer.Body}");
        tickets.HolidayTuesday = tuesday;
    }

    /// <summary>Puts back the calendar year the scenario replaced: as it was, or empty when the system held none.</summary>
    public async Task RestoreCalendarAsync()
    {
        if (tickets.ReplacedCalendar is not var (year, original) || run.Endpoints is null)
        {
            return;
        }

        tickets.ReplacedCalendar = null;
        await driver.Client().SetCalendarAsync(year, original ?? "{\"source\":\"\",\"holidays\":[],\"workdays\":[]}", state.Evidence);
    }

    public async Task ExpectCalendarListsHolidaysAsync()
    {
        var tuesday = tickets.HolidayTuesday ?? throw new InvalidOperationException("The scenario set no holiday calendar.");
        var answer = await driver.Client().CalendarAsync(tuesday.Year, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(200), $"the calendar of {tuesday.Year} cannot be read back: {answer.Status} {answer.Body}");
        var calendar = new WorkingDayCalendar();
        calendar.Add(answer.Json);
        Assert.Multiple(() =>
        {
            foreach (var holiday in new[] { 1, 2, 3 }.Select(d => tuesday.AddDays(d)))
            {
                Assert.That(calendar.IsWorkingDay(holiday), Is.False, $"{Day(holiday)} was set as a public holiday, but the calendar answered makes it a working day: {answer.Body}");
            }

            Assert.That(calendar.IsWorkingDay(tuesday.AddDays(4)), Is.True, $"{Day(tuesday.AddDays(4))} (a Saturday) was set as a make-up working day, but the calendar answered does not list it: {answer.Body}");
        });
    }

    /// <summary>The ticket's deadline <paramref name="deadline"/> (forwardBy, answerBy, notifyBy) is <paramref name="days"/> working days after the day of <paramref name="after"/>.</summary>
    public async Task<DateTimeOffset> ExpectDeadlineAsync(string deadline, string after, int days)
    {
        var ticket = await driver.TicketAsync();
        var from = Instant(ticket, after) ?? throw new AssertionException($"the ticket has no {after}: {ticket}");
        var calendar = await CalendarAroundAsync(from);
        var expected = calendar.Deadline(from, days);
        var actual = Instant(ticket, deadline);
        Assert.That(actual, Is.EqualTo(expected),
            $"{deadline} must be the end (24:00 Beijing time) of the {days}th working day after {WorkingDayCalendar.BeijingDay(from):yyyy-MM-dd} ({after} {from:O}), {expected:O}; the ticket says {actual:O}: {ticket}");
        return actual!.Value;
    }

    public async Task ExpectForwardingAfterHolidaysAsync()
    {
        var tuesday = tickets.HolidayTuesday ?? throw new InvalidOperationException("The scenario set no holiday calendar.");
        var forwardBy = Instant(await driver.TicketAsync(), "forwardBy");
        Assert.That(forwardBy, Is.GreaterThan(WorkingDayCalendar.EndOf(tuesday.AddDays(3))),
            $"the forwarding deadline {forwardBy:O} falls on or before the last of the three public holidays ({Day(tuesday.AddDays(3))})");
    }

    /// <summary>Moves the clock to <paramref name="offset"/> from the deadline of the step the ticket waits for.</summary>
    public async Task MoveClockToDeadlineAsync(TimeSpan offset)
    {
        var ticket = await driver.TicketAsync();
        var due = CurrentDeadline(ticket);
        await run.RequireManagement().SetClockAsync(due + offset, state.Evidence);
    }

    public async Task ExpectOverdueAsync(string? stage)
    {
        var id = driver.TicketId;
        var ticket = await driver.TicketAsync();
        var answer = await driver.Client().OverdueAsync(state.Caller, state.Evidence);
        Assert.That(answer.Status, Is.EqualTo(200), $"the overdue list cannot be read: {answer.Status} {answer.Body}");
        Assert.That(answer.Json.TryGetProperty("tickets", out var list) && list.ValueKind == JsonValueKind.Array, Is.True, $"the overdue list has no \"tickets\" array: {answer.Body}");
        var entry = list.EnumerateArray().Where(t => t.TryGetProperty("id", out var i) && i.GetString() == id).Select(t => (JsonElement?)t).FirstOrDefault();
        if (stage is null)
        {
            Assert.That(entry, Is.Null, $"ticket {id} is listed overdue before its deadline or after its step was recorded: {answer.Body}");
            return;
        }

        Assert.That(entry, Is.Not.Null, $"ticket {id} is past the deadline of its step but not listed overdue: {answer.Body}");
        Assert.Multiple(() =>
        {
            Assert.That(Text(entry!.Value, "stage"), Is.EqualTo(stage), $"ticket {id} is listed overdue at another stage: {entry}");
            Assert.That(Instant(entry.Value, "due"), Is.EqualTo(CurrentDeadline(ticket)), $"ticket {id} is listed overdue with another due time than its deadline: {entry}");
        });
    }

    public async Task ExpectStepsInOrderAsync()
    {
        var ticket = await driver.TicketAsync();
        var times = new[] { "receivedAt", "forwardedAt", "answeredAt", "notifiedAt" }.Select(f => (Field: f, At: Instant(ticket, f))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Text(ticket, "state"), Is.EqualTo("notified"), $"the ticket's state: {ticket}");
            foreach (var (field, at) in times)
            {
                Assert.That(at, Is.Not.Null, $"the ticket has no {field}: {ticket}");
            }

            for (var i = 1; i < times.Count; i++)
            {
                if (times[i].At is { } at && times[i - 1].At is { } before)
                {
                    Assert.That(at, Is.GreaterThanOrEqualTo(before), $"{times[i].Field} is before {times[i - 1].Field}: {ticket}");
                }
            }
        });
    }

    private async Task<WorkingDayCalendar> CalendarAroundAsync(DateTimeOffset from)
    {
        var calendar = new WorkingDayCalendar();
        var first = WorkingDayCalendar.BeijingDay(from).Year;
        foreach (var year in new[] { first, first + 1 })
        {
            var answer = await driver.Client().CalendarAsync(year, state.Evidence);
            Assert.That(answer.Status, Is.AnyOf(200, 404), $"the calendar of {year} cannot be read: {answer.Status} {answer.Body}");
            if (answer.Status == 200)
            {
                calendar.Add(answer.Json);
            }
        }

        return calendar;
    }

    private static DateTimeOffset CurrentDeadline(JsonElement ticket)
    {
        var field = Text(ticket, "state") switch
        {
            "received" => "forwardBy",
            "forwarded" => "answerBy",
            "answered" => "notifyBy",
            var other => throw new AssertionException($"the ticket is {other}: it waits for no step: {ticket}"),
        };
        return Instant(ticket, field) ?? throw new AssertionException($"the ticket has no {field}: {ticket}");
    }

    private async Task SetClockToAsync(DateOnly day) =>
        await run.RequireManagement().SetClockAsync(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), WorkingDayCalendar.Beijing), state.Evidence);

    private static string? Text(JsonElement json, string field) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Instant(JsonElement json, string field) =>
        Text(json, field) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
