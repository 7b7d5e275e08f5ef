using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reference.Clock;
using Reference.Signalling;
using Screening;

namespace Reference.Tests.Access;

/// <summary>
/// What a hostile or careless client sends gets a problem+json naming the field and harms nothing: the test clock at
/// the end of time, bodies that are not JSON or too large, numbers beyond any window, ids in Chinese.
/// </summary>
public sealed class HardeningTests
{
    private RunningNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await RunningNode.StartAsync("--Storage:Sqlite=:memory:", "--Http:MaxRequestBodyBytes=65536");

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task TheTestClockRefusesTheEndOfTimeAndTheNodeAnswersCallsAtTheFurthestItGoes()
    {
        await ExpectProblem(HttpMethod.Put, "/v1/test/clock", "{\"now\":\"9999-12-31T23:59:59Z\"}", "now", 400);
        await ExpectProblem(HttpMethod.Post, "/v1/test/clock/advance", "{\"seconds\":1e308}", "seconds", 400);

        var furthest = _node.Services.GetRequiredService<TestClock>().Latest - TimeSpan.FromMinutes(1);
        using (var set = await _node.Http.PutAsJsonAsync("/v1/test/clock", new { now = furthest }))
        {
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        }

        await ExpectProblem(HttpMethod.Post, "/v1/test/clock/advance", "{\"seconds\":86400}", "seconds", 400);
        await Task.Delay(TimeSpan.FromSeconds(1));

        await using var caller = new SipPeer();
        var node = _node.Services.GetRequiredService<SipNode>().Endpoints[Realm.Interconnect];
        await caller.SendAsync(caller.Invite(node, "13800138000", "110"), node);
        var answer = await caller.NextAsync<Sip.SipResponse>(_ => true, TimeSpan.FromSeconds(5));
        Assert.That(answer.StatusCode, Is.LessThan(500).Or.EqualTo(503), "an emergency call is still handled with the clock years ahead");
        using var report = await _node.Http.PostAsJsonAsync("/v1/reports", new { number = "13900139000", category = "fraud", reporter = "13700137000", channel = "app" });
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the API still reads the clock");
        Assert.That((await _node.Http.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("not json at all", "body")]
    [TestCase("{\"id\": 5, \"name\": \"x\", \"sector\": \"finance\"}", "id")]
    [TestCase("{\"id\": \"e\", \"name\": [], \"sector\": \"finance\"}", "name")]
    [TestCase("[1,2]", "body")]
    public async Task ABodyThatDoesNotBindIsRefusedNamingTheField(string body, string field) =>
        await ExpectProblem(HttpMethod.Post, "/v1/enterprises", body, field, 400);

    [Test]
    public async Task ATrunkRangeOfTheWrongTypeIsNamedByItsPath() =>
        await ExpectProblem(HttpMethod.Post, "/v1/trunks", "{\"id\":\"t\",\"enterpriseId\":\"e\",\"realm\":\"access\",\"ranges\":[{\"first\":13800000000}]}", "ranges[0].first", 400);

    [Test]
    public async Task ABodyOverTheLimitIsRefusedWith413ProblemJson()
    {
        var numbers = string.Join(",", Enumerable.Repeat("\"13800138000\"", 10_000));
        await ExpectProblem(HttpMethod.Post, "/v1/roaming", $"{{\"numbers\":[{numbers}]}}", "body", 413);
    }

    [Test]
    public async Task AChunkedBodyOverTheLimitIsRefusedWith413ProblemJson()
    {
        var numbers = string.Join(",", Enumerable.Repeat("\"13800138000\"", 10_000));
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"numbers\":[{numbers}]}}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/roaming") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _node.Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(413), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task AWrongContentTypeIsProblemJson() =>
        await ExpectProblem(HttpMethod.Post, "/v1/enterprises", "{\"id\":\"x\"}", "body", 415, "text/plain");

    [TestCase("{\"bombing\":{\"windowSeconds\":1e308}}", "bombing.windowSeconds")]
    [TestCase("{\"oneRing\":{\"windowMinutes\":1e300}}", "oneRing.windowMinutes")]
    [TestCase("{\"marketing\":{\"consentRetentionDays\":1e20}}", "marketing.consentRetentionDays")]
    [TestCase("{\"bombing\":{\"limit\":100000000}}", "bombing.limit")]
    public async Task ParametersBeyondTheirRangeAreRefusedBeforeConversion(string body, string field) =>
        await ExpectProblem(HttpMethod.Put, "/v1/parameters", body, field, 400);

    [Test]
    public async Task AnIdInChineseIsCreatedWithALocationThatLeadsBackToIt()
    {
        using var created = await _node.Http.PostAsJsonAsync("/v1/enterprises", new { id = "某快递公司华东", name = "某快递公司", sector = "other" });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!;
        Assert.That(location.OriginalString, Does.StartWith("/v1/enterprises/%E6%9F%90"));
        using var found = JsonDocument.Parse(await _node.Http.GetStringAsync(location));
        Assert.That(found.RootElement.GetProperty("id").GetString(), Is.EqualTo("某快递公司华东"));
    }

    [Test]
    public async Task AHostNameTheNodeIsNotKnownByIsRefused()
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/health");
        rebound.Headers.Host = "attacker.example";
        using var loopback = new HttpRequestMessage(HttpMethod.Get, "/health");
        loopback.Headers.Host = "localhost";

        Assert.That((await _node.Http.SendAsync(rebound)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a page on another name that resolves to loopback gets nothing");
        Assert.That((await _node.Http.SendAsync(loopback)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnOverlongIdIsRefusedNamingIt() =>
        await ExpectProblem(HttpMethod.Post, "/v1/enterprises", JsonSerializer.Serialize(new { id = new string('x', 201), name = "n", sector = "other" }), "id", 400);

    private async Task ExpectProblem(HttpMethod method, string path, string body, string field, int status, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        using var response = await _node.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        using var problem = JsonDocument.Parse(text);
        Assert.That(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"the problem names {field}: {text}");
    }
}
