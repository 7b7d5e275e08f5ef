using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Reference.Tests;

/// <summary>GET/PUT /v1/parameters: a good change applies whole; an impossible one is refused naming the field, and nothing changes.</summary>
public sealed class ParametersApiTests
{
    private RunningNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await RunningNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task TheDefaultsOfTheRequirementsAreShown()
    {
        var p = await Get();

        Assert.Multiple(() =>
        {
            Assert.That(p.GetProperty("oneRing").GetProperty("callees").GetInt32(), Is.EqualTo(20));
            Assert.That(p.GetProperty("bombing").GetProperty("windowSeconds").GetDouble(), Is.EqualTo(60));
            Assert.That(p.GetProperty("marketing").GetProperty("callingHours").GetString(), Is.EqualTo("08:00-21:00"));
            Assert.That(p.GetProperty("marketing").GetProperty("consentRetentionDays").GetDouble(), Is.EqualTo(153));
        });
    }

    [Test]
    public async Task AChangeAppliesAndFieldsLeftOutKeepTheirValue()
    {
        var response = await Put("""{"bombing":{"limit":3},"marketing":{"callingHours":"09:00-18:30"}}""");
        var p = await Get();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(p.GetProperty("bombing").GetProperty("limit").GetInt32(), Is.EqualTo(3));
            Assert.That(p.GetProperty("bombing").GetProperty("windowSeconds").GetDouble(), Is.EqualTo(60));
            Assert.That(p.GetProperty("marketing").GetProperty("callingHours").GetString(), Is.EqualTo("09:00-18:30"));
        });
    }

    [TestCase("""{"bombing":{"limit":4,"windowSeconds":0}}""", "bombing.windowSeconds")]
    [TestCase("""{"bombing":{"limit":4,"windowSeconds":-60}}""", "bombing.windowSeconds")]
    [TestCase("""{"bombing":{"limit":0}}""", "bombing.limit")]
    [TestCase("""{"oneRing":{"callees":0,"ringSeconds":3}}""", "oneRing.callees")]
    [TestCase("""{"marketing":{"shortLimit":0}}""", "marketing.shortLimit")]
    [TestCase("""{"marketing":{"shortLimit":4,"dailyLimit":3}}""", "marketing.dailyLimit")]
    [TestCase("""{"marketing":{"callingHours":"21:00-08:00"}}""", "marketing.callingHours")]
    [TestCase("""{"marketing":{"callingHours":"8-21"}}""", "marketing.callingHours")]
    [TestCase("""{"marketing":{"consentRetentionDays":0}}""", "marketing.consentRetentionDays")]
    [TestCase("""{"bombing":{"limit":"ten"}}""", "bombing.limit")]
    [TestCase("""{"bombing":{"limits":4}}""", "bombing.limits")]
    [TestCase("""{"weather":{}}""", "weather")]
    [TestCase("""[1,2]""", "body")]
    [TestCase("""not json""", "body")]
    public async Task AnImpossibleChangeIsRefusedNamingTheFieldAndNothingIsApplied(string body, string field)
    {
        var before = (await Get()).GetRawText();

        var response = await Put(body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.GetRawText());
            Assert.That((await Get()).GetRawText(), Is.EqualTo(before));
        });
    }

    private async Task<JsonElement> Get() => await _node.Http.GetFromJsonAsync<JsonElement>("/v1/parameters");

    private Task<HttpResponseMessage> Put(string json) =>
        _node.Http.PutAsync("/v1/parameters", new StringContent(json, Encoding.UTF8, "application/json"));
}
