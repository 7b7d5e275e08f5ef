using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reference.Access;

namespace Reference.Tests.Reporting;

/// <summary>Report intake answered with tickets, routing, repeats, the Idempotency-Key, the steps and who may see and move a ticket, over HTTP.</summary>
public sealed class TicketsApiTests
{
    private RunningNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await RunningNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [TestCase("phone")]
    [TestCase("web")]
    [TestCase("app")]
    public async Task AReportFromEachChannelIsAnsweredWithItsTicket(string channel)
    {
        using var response = await Report(_node.Http, "13900001001", "fraud", channel, "13700001001");
        var body = await Json(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var id = body.GetProperty("ticket").GetString()!;
        var ticket = await _node.Http.GetFromJsonAsync<JsonElement>(response.Headers.Location!);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("/v1/tickets/" + id));
            Assert.That(body.GetProperty("duplicate").GetBoolean(), Is.False);
            Assert.That(ticket.GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(ticket.GetProperty("channel").GetString(), Is.EqualTo(channel));
            Assert.That(ticket.GetProperty("number").GetString(), Is.EqualTo("13900001001"));
            Assert.That(ticket.GetProperty("state").GetString(), Is.EqualTo("received"));
            Assert.That(ticket.GetProperty("department").GetString(), Is.EqualTo("public-security"));
            Assert.That(ticket.GetProperty("departmentName").GetString(), Does.Contain("公安"));
            Assert.That(ticket.GetProperty("stage").GetString(), Is.EqualTo("forward"));
        });
    }

    [TestCase("fraud", "public-security")]
    [TestCase("harassment", "telecom-administration")]
    [TestCase("real-estate", "housing-administration")]
    [TestCase("loans", "financial-regulator")]
    [TestCase("recruitment", "human-resources")]
    [TestCase("taxi", "telecom-administration")]
    public async Task ATicketGoesToTheDepartmentOfItsCategory(string category, string department)
    {
        var ticket = await Ticket(await Report(_node.Http, "13900001002", category, "phone", "13700001002"));
        Assert.That(ticket.GetProperty("department").GetString(), Is.EqualTo(department));
    }

    [Test]
    public async Task TheRoutingTableIsServed()
    {
        var table = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/reporting/routes");
        Assert.Multiple(() =>
        {
            Assert.That(table.GetProperty("default").GetString(), Is.EqualTo("telecom-administration"));
            Assert.That(table.GetProperty("routes").GetProperty("fraud").GetString(), Is.EqualTo("public-security"));
            Assert.That(table.GetProperty("departments").GetProperty("telecom-administration").GetString(), Is.EqualTo("通信管理局"));
        });
    }

    [Test]
    public async Task ARepeatByOneReporterMeetsTheOpenTicketAndCountsOnce()
    {
        var first = await Json(await Report(_node.Http, "13900001003", "fraud", "phone", "13700001003"));
        using var again = await Report(_node.Http, "13900001003", "fraud", "web", "+86 137 0000 1003", "again");
        var repeat = await Json(again);
        var other = await Json(await Report(_node.Http, "13900001003", "fraud", "phone", "13700001004"));
        var list = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/tickets?number=13900001003");
        Assert.Multiple(() =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(repeat.GetProperty("ticket").GetString(), Is.EqualTo(first.GetProperty("ticket").GetString()));
            Assert.That(repeat.GetProperty("duplicate").GetBoolean(), Is.True);
            Assert.That(repeat.GetProperty("counted").GetBoolean(), Is.False);
            Assert.That(other.GetProperty("ticket").GetString(), Is.Not.EqualTo(first.GetProperty("ticket").GetString()));
            Assert.That(list.GetProperty("tickets").GetArrayLength(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task OnceTheReporterIsToldANewReportOpensANewTicket()
    {
        var first = await Ticket(await Report(_node.Http, "13900001005", "fraud", "phone", "13700001005"));
        var id = first.GetProperty("id").GetString()!;
        await Step(id, "forwarded", HttpStatusCode.OK);
        await Step(id, "answered", HttpStatusCode.OK, new { answer = "the number was cut off" });
        await Step(id, "notified", HttpStatusCode.OK);

        var next = await Json(await Report(_node.Http, "13900001005", "fraud", "phone", "13700001005"));
        Assert.Multiple(() =>
        {
            Assert.That(next.GetProperty("ticket").GetString(), Is.Not.EqualTo(id));
            Assert.That(next.GetProperty("duplicate").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task ARetryWithTheSameKeyIsAnsweredAsTheFirstAndAnotherReportWithItIs422()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await Report(_node.Http, "13900001006", "loans", "app", "13700001006", key: key);
        using var retry = await Report(_node.Http, "13900001006", "loans", "app", "13700001006", key: $"\"{key}\"");
        using var reused = await Report(_node.Http, "13900001007", "loans", "app", "13700001006", key: key);
        var problem = await Json(reused);
        Assert.Multiple(async () =>
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()), "the retry is answered as the first was");
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), Is.True, problem.ToString());
            Assert.That((await _node.Http.GetFromJsonAsync<JsonElement>("/v1/tickets?number=13900001007")).GetProperty("tickets").GetArrayLength(), Is.Zero);
        });
    }

    [TestCase("")]
    [TestCase("has space")]
    public async Task AnUnusableIdempotencyKeyIsNamed(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reports") { Content = JsonContent.Create(new { number = "13900001008", category = "fraud", reporter = "13700001008", channel = "app" }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await _node.Http.SendAsync(request);
        var problem = await Json(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), Is.True, problem.ToString());
        });
    }

    [Test]
    public async Task ATextOverTheLimitIsRefusedAndOpensNoTicket()
    {
        using var over = await Report(_node.Http, "13900001009", "fraud", "web", "13700001009", new string('字', 501));
        using var at = await Report(_node.Http, "13900001010", "fraud", "web", "13700001009", new string('字', 500));
        var problem = await Json(over);
        Assert.Multiple(async () =>
        {
            Assert.That(over.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.GetProperty("errors").TryGetProperty("text", out _), Is.True);
            Assert.That((await _node.Http.GetFromJsonAsync<JsonElement>("/v1/tickets?number=13900001009")).GetProperty("tickets").GetArrayLength(), Is.Zero);
            Assert.That(at.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        });
    }

    [Test]
    public async Task StepsGoInOrderAndAStepOutOfOrderChangesNothing()
    {
        var id = (await Ticket(await Report(_node.Http, "13900001011", "harassment", "web", "13700001011"))).GetProperty("id").GetString()!;
        await Step(id, "answered", HttpStatusCode.Conflict, new { answer = "too early" });
        await Step(id, "notified", HttpStatusCode.Conflict);
        var forwarded = await Step(id, "forwarded", HttpStatusCode.OK);
        await Step(id, "forwarded", HttpStatusCode.Conflict);
        await Step(id, "answered", HttpStatusCode.BadRequest, new { });
        var answered = await Step(id, "answered", HttpStatusCode.OK, new { answer = "warned the caller's carrier" });
        var notified = await Step(id, "notified", HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(forwarded.GetProperty("state").GetString(), Is.EqualTo("forwarded"));
            Assert.That(forwarded.GetProperty("answerBy").GetDateTimeOffset(), Is.GreaterThan(forwarded.GetProperty("forwardedAt").GetDateTimeOffset().AddDays(15)), "15 working days are more than 15 days");
            Assert.That(answered.GetProperty("answer").GetString(), Is.EqualTo("warned the caller's carrier"));
            Assert.That(answered.GetProperty("notifyBy").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(notified.GetProperty("state").GetString(), Is.EqualTo("notified"));
            Assert.That(notified.GetProperty("stage").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(notified.GetProperty("overdue").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task AReporterSeesOnlyItsOwnTicketsAndRecordsNoStep()
    {
        var reporter = _node.As("app-user-1", Role.PublicReporter);
        var another = _node.As("app-user-2", Role.PublicReporter);
        var regulator = _node.As("regulator-1", Role.Regulator);
        var id = (await Json(await Report(reporter, "13900001012", "fraud", "app", null))).GetProperty("ticket").GetString()!;

        using var own = await reporter.GetAsync($"/v1/tickets/{id}");
        using var others = await another.GetAsync($"/v1/tickets/{id}");
        using var unknown = await another.GetAsync("/v1/tickets/RPT-00000000-000000000000");
        using var step = await reporter.PostAsync($"/v1/tickets/{id}/forwarded", null);
        var ownList = await reporter.GetFromJsonAsync<JsonElement>("/v1/tickets?number=13900001012");
        var othersList = await another.GetFromJsonAsync<JsonElement>("/v1/tickets?number=13900001012");
        var seen = await Json(own);
        Assert.Multiple(async () =>
        {
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(seen.GetProperty("reporter").ValueKind, Is.EqualTo(JsonValueKind.Null), "the reporter's identity is for the carrier's operator");
            Assert.That(others.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(others.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await others.Content.ReadAsStringAsync(), Does.Not.Contain("13900001012"));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another's ticket and no ticket are answered alike");
            Assert.That(step.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(ownList.GetProperty("tickets").GetArrayLength(), Is.EqualTo(1));
            Assert.That(othersList.GetProperty("tickets").GetArrayLength(), Is.Zero);
            Assert.That((await regulator.GetAsync($"/v1/tickets/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await _node.Http.GetFromJsonAsync<JsonElement>($"/v1/tickets/{id}")).GetProperty("state").GetString(), Is.EqualTo("received"));
        });
    }

    internal static async Task<HttpResponseMessage> Report(HttpClient client, string number, string category, string channel, string? reporter, string text = "called twice a day", string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/reports")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { number, category, reporter, channel, text }), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private async Task<JsonElement> Ticket(HttpResponseMessage report)
    {
        using (report)
        {
            var body = await Json(report);
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
            return await _node.Http.GetFromJsonAsync<JsonElement>("/v1/tickets/" + body.GetProperty("ticket").GetString());
        }
    }

    private async Task<JsonElement> Step(string id, string step, HttpStatusCode expected, object? body = null)
    {
        using var response = body is null
            ? await _node.Http.PostAsync($"/v1/tickets/{id}/{step}", null)
            : await _node.Http.PostAsJsonAsync($"/v1/tickets/{id}/{step}", body);
        var json = await Json(response);
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{step}: {json}");
        return json;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
