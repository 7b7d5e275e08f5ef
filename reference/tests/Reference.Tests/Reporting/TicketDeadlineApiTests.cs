using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reference.Tests.Reporting;

/// <summary>Deadlines on a calendar set through the API, the overdue list on the test clock, and refusals of bad calendars.</summary>
public sealed class TicketDeadlineApiTests
{
    /// <summary>A National Day week of 2028 as a test sets it: Monday 2 to Friday 6 October off, Saturday 7 worked.</summary>
    public static readonly object NationalDay2028 = new
    {
        source = "test",
        holidays = Enumerable.Range(2, 5).Select(d => new { date = $"2028-10-0{d}", name = "国庆节" }),
        workdays = new[] { new { date = "2028-10-07", name = "国庆节调休上班" } },
    };

    private RunningNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await RunningNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task AYearSetThroughTheApiMovesTheDeadlinesOfTicketsReceivedAfter()
    {
        using var put = await _node.Http.PutAsJsonAsync("/v1/reporting/calendars/2028", NationalDay2028);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        await SetClock("2028-09-29T10:00:00+08:00");

        var ticket = await NewTicket("13900002001");
        var calendar = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/reporting/calendars/2028");
        Assert.Multiple(() =>
        {
            Assert.That(ticket.GetProperty("forwardBy").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.Parse("2028-10-11T00:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture)),
                "Friday 29 September: the make-up Saturday the 7th, Monday the 9th, Tuesday the 10th");
            Assert.That(calendar.GetProperty("holidays").GetArrayLength(), Is.EqualTo(5));
            Assert.That(calendar.GetProperty("workdays")[0].GetProperty("date").GetString(), Is.EqualTo("2028-10-07"));
        });
    }

    [Test]
    public async Task ATicketIsListedOverdueFromItsDeadlineUntilTheStepIsRecorded()
    {
        var ticket = await NewTicket("13900002002");
        var id = ticket.GetProperty("id").GetString()!;
        var forwardBy = ticket.GetProperty("forwardBy").GetDateTimeOffset();

        await SetClock(forwardBy.AddMinutes(-1));
        var before = await Overdue("13900002002");
        await SetClock(forwardBy);
        var at = await Overdue("13900002002");
        using (var forwarded = await _node.Http.PostAsync($"/v1/tickets/{id}/forwarded", null))
        {
            Assert.That(forwarded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var afterForwarding = await Overdue("13900002002");
        var answerBy = (await _node.Http.GetFromJsonAsync<JsonElement>($"/v1/tickets/{id}")).GetProperty("answerBy").GetDateTimeOffset();
        await SetClock(answerBy.AddSeconds(1));
        var answerLate = await Overdue("13900002002");
        var all = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/tickets/overdue");
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Empty);
            Assert.That(at.Select(t => (t.GetProperty("id").GetString(), t.GetProperty("stage").GetString())), Is.EqualTo(new[] { (id, "forward") }));
            Assert.That(at[0].GetProperty("due").GetDateTimeOffset(), Is.EqualTo(forwardBy));
            Assert.That(at[0].GetProperty("overdue").GetBoolean(), Is.True);
            Assert.That(afterForwarding, Is.Empty);
            Assert.That(answerLate.Select(t => t.GetProperty("stage").GetString()), Is.EqualTo(new[] { "answer" }));
            Assert.That(all.GetProperty("tickets").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task AYearTheNodeHoldsNoCalendarOfIs404AndTheShippedYearIsServed()
    {
        using var none = await _node.Http.GetAsync("/v1/reporting/calendars/2031");
        var shipped = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/reporting/calendars/2026");
        Assert.Multiple(() =>
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(none.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(shipped.GetProperty("holidays").GetArrayLength(), Is.EqualTo(33));
            Assert.That(shipped.GetProperty("source").GetString(), Does.Contain("国务院办公厅"));
        });
    }

    [TestCase("2028", """{"holidays":[{"date":"2029-01-01"}],"workdays":[]}""", "holidays[0]", TestName = "A day outside the year is named")]
    [TestCase("2028", """{"holidays":["2028-13-01"],"workdays":[]}""", "holidays[0]", TestName = "A day that is no date is named")]
    [TestCase("2028", """{"holidays":[]}""", "workdays", TestName = "A missing list is named")]
    [TestCase("2028", """{"holidays":[{"date":"2028-10-07"}],"workdays":[{"date":"2028-10-07"}]}""", "workdays", TestName = "A day both off and worked is named")]
    [TestCase("20x8", """{"holidays":[],"workdays":[]}""", "year", TestName = "A year that is no year is named")]
    [TestCase("2028", """[]""", "body", TestName = "A body that is no object is named")]
    public async Task ABadCalendarIsRefusedNamingTheFieldAndChangesNothing(string year, string json, string field)
    {
        using var response = await _node.Http.PutAsync($"/v1/reporting/calendars/{year}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        using var after = await _node.Http.GetAsync("/v1/reporting/calendars/2028");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, body);
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing was set");
        });
    }

    private async Task<JsonElement> NewTicket(string number)
    {
        using var report = await TicketsApiTests.Report(_node.Http, number, "harassment", "phone", "13700002000");
        var body = await report.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return await _node.Http.GetFromJsonAsync<JsonElement>("/v1/tickets/" + body.GetProperty("ticket").GetString());
    }

    private async Task<List<JsonElement>> Overdue(string number) =>
        [.. (await _node.Http.GetFromJsonAsync<JsonElement>("/v1/tickets/overdue?number=" + number)).GetProperty("tickets").EnumerateArray()];

    private Task SetClock(string at) => SetClock(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

    private async Task SetClock(DateTimeOffset at)
    {
        using var response = await _node.Http.PutAsJsonAsync("/v1/test/clock", new { now = at });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
