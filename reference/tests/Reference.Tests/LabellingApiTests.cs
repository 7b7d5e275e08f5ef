using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Reference.Tests;

/// <summary>Report intake, lookup, declarations and appeals over HTTP: bad input refused with problem+json naming the field.</summary>
public sealed class LabellingApiTests
{
    private RunningNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await RunningNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [TestCase("{\"number\":\"12345\",\"category\":\"fraud\",\"reporter\":\"u1\",\"channel\":\"app\"}", "number")]
    [TestCase("{\"number\":\"13800138000\",\"category\":\"spam\",\"reporter\":\"u1\",\"channel\":\"app\"}", "category")]
    [TestCase("{\"number\":\"13800138000\",\"category\":\"fraud\",\"channel\":\"app\"}", "reporter")]
    [TestCase("{\"number\":\"13800138000\",\"category\":\"fraud\",\"reporter\":\"u1\"}", "channel")]
    public async Task ABadReportIsRefusedNamingTheField(string body, string field) =>
        await ExpectProblem("/v1/reports", body, field);

    [Test]
    public async Task AnOversizedReportTextIsRefused()
    {
        var body = JsonSerializer.Serialize(new { number = "13800138001", category = "fraud", reporter = "u1", channel = "app", text = new string('x', 501) });
        await ExpectProblem("/v1/reports", body, "text");
        Assert.That((await _node.Http.GetAsync("/v1/labels/13800138001")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a refused report is not counted");
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("{\"number\":42}")]
    public async Task GarbageIsRefusedWithoutCrashing(string body)
    {
        using var response = await _node.Http.PostAsync("/v1/reports", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [Test]
    public async Task TenDistinctReportersLabelANumberAndTheLookupSaysSo()
    {
        for (var i = 0; i < 10; i++)
        {
            using var response = await _node.Http.PostAsJsonAsync("/v1/reports", new { number = "+86 139 0013 9000", category = "诈骗电话", reporter = $"u{i}", channel = "app" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var label = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/labels/13900139000");
        Assert.That((label.GetProperty("category").GetString(), label.GetProperty("count").GetInt32(), label.GetProperty("source").GetString()), Is.EqualTo(("fraud", 10, "reports")));
    }

    [Test]
    public async Task ADeclarationOfANonBenignCategoryIsRefused() =>
        await ExpectProblem("/v1/labels/declarations", "{\"enterprise\":\"X\",\"category\":\"fraud\",\"numbers\":[\"13800138002\"]}", "category");

    [Test]
    public async Task AnAppealWithAnUnknownReasonIsRefused() =>
        await ExpectProblem("/v1/appeals", "{\"number\":\"13800138003\",\"holder\":\"h\",\"reason\":\"because\"}", "reason");

    [Test]
    public async Task AnAppealAgainstAnotherHoldersDeclarationClearsItAtOnce()
    {
        using var declared = await _node.Http.PostAsJsonAsync("/v1/labels/declarations", new { enterprise = "Courier", category = "delivery", numbers = new[] { "13800138004" } });
        Assert.That(declared.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var appealed = await _node.Http.PostAsJsonAsync("/v1/appeals", new { number = "13800138004", holder = "Someone Else", reason = "different-holder" });
        var appeal = await appealed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(appeal.GetProperty("state").GetString(), Is.EqualTo("cleared"));
        Assert.That((await _node.Http.GetAsync("/v1/labels/13800138004")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task ADecisionOnAnUnknownAppealIs404() =>
        Assert.That((await _node.Http.PostAsJsonAsync("/v1/appeals/appeal-999/decision", new { clear = true })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

    private async Task ExpectProblem(string path, string body, string field)
    {
        using var response = await _node.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }
}
