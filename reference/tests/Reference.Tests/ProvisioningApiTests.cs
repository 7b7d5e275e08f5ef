using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reference.Tests;

/// <summary>The management API refuses bad input with problem+json naming the field, and writes nothing then.</summary>
public sealed class ProvisioningApiTests
{
    private RunningNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await RunningNode.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task AnEnterpriseAndItsTrunkAreCreated()
    {
        await Post("/v1/enterprises", new { id = "e-ok", name = "Ok Ltd", sector = "finance" }, HttpStatusCode.Created);
        await Post("/v1/trunks", new { id = "t-ok", enterpriseId = "e-ok", realm = "access", source = "127.0.0.1:41000", ranges = new[] { new { first = "13800000000", last = "13800000999" } } }, HttpStatusCode.Created);

        var trunk = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/trunks/t-ok");
        Assert.That(trunk.GetProperty("source").GetString(), Is.EqualTo("127.0.0.1:41000"));
    }

    [TestCase("{\"id\":\"e1\",\"name\":\"x\",\"sector\":\"gambling\"}", "sector")]
    [TestCase("{\"id\":\"e1\",\"sector\":\"finance\"}", "name")]
    [TestCase("{\"name\":\"x\",\"sector\":\"finance\"}", "id")]
    public async Task ABadEnterpriseIsRefusedNamingTheField(string body, string field) =>
        await ExpectProblem("/v1/enterprises", body, field, HttpStatusCode.BadRequest);

    [Test]
    public async Task ATrunkWithAnInvalidNumberIsRefusedAndNothingIsWritten()
    {
        await Post("/v1/enterprises", new { id = "e-bad", name = "Bad Ltd", sector = "other" }, HttpStatusCode.Created);
        var body = JsonSerializer.Serialize(new { id = "t-bad", enterpriseId = "e-bad", realm = "access", source = "127.0.0.1:41001", ranges = new[] { new { first = "13900000000", last = "13900000999" }, new { first = "1390000", last = "13900001999" } } });

        await ExpectProblem("/v1/trunks", body, "ranges[1].first", HttpStatusCode.BadRequest);

        Assert.That((await _node.Http.GetAsync("/v1/trunks/t-bad")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await Post("/v1/trunks", new { id = "t-bad2", enterpriseId = "e-bad", realm = "access", source = "127.0.0.1:41002", ranges = new[] { new { first = "13900000000", last = "13900000999" } } }, HttpStatusCode.Created);
    }

    [Test]
    public async Task AnOverlappingRangeIsRefusedNamingTheRange()
    {
        await Post("/v1/enterprises", new { id = "e-a", name = "A", sector = "other" }, HttpStatusCode.Created);
        await Post("/v1/trunks", new { id = "t-a", enterpriseId = "e-a", realm = "access", source = "127.0.0.1:41003", ranges = new[] { new { first = "13700000000", last = "13700000999" } } }, HttpStatusCode.Created);
        var body = JsonSerializer.Serialize(new { id = "t-b", enterpriseId = "e-a", realm = "access", source = "127.0.0.1:41004", ranges = new[] { new { first = "13700000500", last = "13700001499" } } });

        await ExpectProblem("/v1/trunks", body, "ranges[0]", HttpStatusCode.Conflict);
    }

    [TestCase("/v1/trunks", "{\"id\":\"t\",\"enterpriseId\":\"nobody\",\"realm\":\"access\",\"source\":\"127.0.0.1:1\"}", "enterpriseId")]
    [TestCase("/v1/trunks", "{\"id\":\"t\",\"enterpriseId\":\"e-ok\",\"realm\":\"mars\",\"source\":\"127.0.0.1:1\"}", "realm")]
    [TestCase("/v1/trunks", "{\"id\":\"t\",\"enterpriseId\":\"e-ok\",\"realm\":\"access\",\"source\":\"not an address\"}", "source")]
    [TestCase("/v1/consents", "{\"enterpriseId\":\"e-ok\",\"callee\":\"13512345678\"}", "evidence")]
    [TestCase("/v1/consents", "{\"enterpriseId\":\"e-ok\",\"callee\":\"12345\",\"evidence\":\"call\"}", "callee")]
    [TestCase("/v1/refusals", "{\"callee\":\"+1 415 555 0100\"}", "callee")]
    [TestCase("/v1/roaming", "{\"numbers\":[\"01062345678\"]}", "numbers[0]")]
    [TestCase("/v1/do-not-originate", "{\"numbers\":[]}", "numbers")]
    [TestCase("/v1/test/clock/advance", "{\"seconds\":-5}", "seconds")]
    public async Task BadRequestsNameTheField(string path, string body, string field) =>
        await ExpectProblem(path, body, field, HttpStatusCode.BadRequest);

    [TestCase("not json at all")]
    [TestCase("{\"id\": 5, \"name\": [], \"sector\": {}}")]
    [TestCase("")]
    public async Task GarbageBodiesAreRefusedWithoutHarm(string body)
    {
        using var response = await _node.Http.PostAsync("/v1/enterprises", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.That((int)response.StatusCode, Is.EqualTo(400), await response.Content.ReadAsStringAsync());
        Assert.That((await _node.Http.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the node still serves");
    }

    [Test]
    public async Task TheTestClockMovesForwardOnly()
    {
        var before = (await _node.Http.GetFromJsonAsync<JsonElement>("/v1/test/clock")).GetProperty("now").GetDateTimeOffset();
        using var advanced = await _node.Http.PostAsJsonAsync("/v1/test/clock/advance", new { seconds = 3600 });
        var after = (await advanced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset();
        using var back = await _node.Http.PutAsJsonAsync("/v1/test/clock", new { now = before });

        Assert.Multiple(() =>
        {
            Assert.That(after - before, Is.GreaterThanOrEqualTo(TimeSpan.FromHours(1)));
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "setting the clock back is refused");
        });
    }

    private async Task Post(string path, object body, HttpStatusCode expected)
    {
        using var response = await _node.Http.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    private async Task ExpectProblem(string path, string body, string field, HttpStatusCode status)
    {
        using var response = await _node.Http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"the problem names {field}: {text}");
        });
    }
}
