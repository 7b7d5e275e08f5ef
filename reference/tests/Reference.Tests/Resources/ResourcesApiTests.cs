using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reference.Access;

namespace Reference.Tests.Resources;

/// <summary>
/// Qualifications, allocations and the joint-discipline list through the API: what an allocation needs, what it
/// records, what a reissue leaves on record, and that the list is shared between carriers and blocks any allocation.
/// </summary>
public sealed class ResourcesApiTests
{
    private RunningNode _node = null!;
    private HttpClient _carrier = null!;
    private HttpClient _otherCarrier = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await RunningNode.StartAsync();
        _carrier = _node.As("carrier-a", Role.CarrierOperator);
        _otherCarrier = _node.As("carrier-b", Role.CarrierOperator);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _carrier.Dispose();
        _otherCarrier.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task A400NumberIsRefusedWithoutAQualificationNamingItAndNothingIsAllocated()
    {
        await EnterpriseAsync("ent-noq");

        var (status, body) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230001", holder = "ent-noq" });
        var list = await AllocationsAsync("number=4001230001");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(409), body.GetRawText());
            Assert.That(body.GetProperty("errors").TryGetProperty("qualification", out _), Is.True, body.GetRawText());
            Assert.That(list, Is.Empty, "a refused allocation writes nothing");
        });
    }

    [TestCase("businessScope", "qualification.businessScope", "95101")]
    [TestCase("connectsTo", "qualification.connectsTo", "96102")]
    [TestCase("use", "qualification.use", "4001230101")]
    [TestCase("validUntil", "qualification.validUntil", "4001230102")]
    public async Task AQualificationLackingAPartAllowsNoAllocationAndTheRefusalNamesThePart(string left, string named, string serviceNumber)
    {
        var id = "ent-part-" + left;
        await EnterpriseAsync(id);
        var qualification = new Dictionary<string, object?>
        {
            ["enterprise"] = id,
            ["businessScope"] = "customer service",
            ["connectsTo"] = "Beijing call centre",
            ["use"] = "hotline",
            ["validUntil"] = DateTimeOffset.UtcNow.AddYears(1),
        };
        qualification[left] = null;
        var (recorded, answer) = await PostAsync(_carrier, "/v1/qualifications", qualification);

        var (status, body) = await PostAsync(_carrier, "/v1/allocations", new { number = serviceNumber, holder = id });

        Assert.Multiple(() =>
        {
            Assert.That(recorded, Is.EqualTo(201), answer.GetRawText());
            Assert.That(answer.GetProperty("missing").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { left }));
            Assert.That(status, Is.EqualTo(409), body.GetRawText());
            Assert.That(body.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { named }));
        });
    }

    [Test]
    public async Task AnExpiredQualificationAllowsNoAllocation()
    {
        await QualifiedAsync("ent-expired", DateTimeOffset.UtcNow.AddDays(-1));

        var (status, body) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230002", holder = "ent-expired" });

        Assert.That(status, Is.EqualTo(409), body.GetRawText());
        Assert.That(body.GetProperty("errors").GetProperty("qualification.validUntil")[0].GetString(), Does.Contain("expired"));
    }

    [Test]
    public async Task AQualifiedEnterprisesNumberAndTrunkBlockAreRecordedWithHolderAndDate()
    {
        await QualifiedAsync("ent-q1");
        await TrunkAsync("ent-q1", "trunk-q1", "13600000000", "13600009999", 40101);

        var (numberStatus, number) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230003", holder = "ent-q1" });
        var (blockStatus, block) = await PostAsync(_carrier, "/v1/allocations", new { block = new { first = "13600000000", last = "13600009999" }, trunk = "trunk-q1", holder = "ent-q1" });
        var (againStatus, _) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230003", holder = "ent-q1" });
        var byHolder = await AllocationsAsync("holder=ent-q1");

        Assert.Multiple(() =>
        {
            Assert.That(numberStatus, Is.EqualTo(201), number.GetRawText());
            Assert.That(blockStatus, Is.EqualTo(201), block.GetRawText());
            Assert.That(againStatus, Is.EqualTo(200), "the holder already holding the number gets it unchanged");
            Assert.That(byHolder.Select(a => a.GetProperty("kind").GetString()), Is.EquivalentTo(new[] { "number", "block" }));
            Assert.That(number.GetProperty("since").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(block.GetProperty("block").GetProperty("first").GetString(), Is.EqualTo("13600000000"));
            Assert.That(block.GetProperty("trunk").GetString(), Is.EqualTo("trunk-q1"));
        });
    }

    [Test]
    public async Task AReissueEndsTheEarlierAllocationAndNamesThePreviousHolder()
    {
        await QualifiedAsync("ent-r1");
        await QualifiedAsync("ent-r2");
        var first = DateTimeOffset.UtcNow.AddDays(-30);
        await PostAsync(_carrier, "/v1/allocations", new { number = "4001230004", holder = "ent-r1", since = first });

        var (early, earlyBody) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230004", holder = "ent-r2", since = first.AddDays(-1) });
        var (status, reissue) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230004", holder = "ent-r2" });
        var list = await AllocationsAsync("number=4001230004");

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.EqualTo(409), "a reissue dated before the present allocation");
            Assert.That(earlyBody.GetProperty("errors").TryGetProperty("since", out _), Is.True, earlyBody.GetRawText());
            Assert.That(status, Is.EqualTo(201), reissue.GetRawText());
            Assert.That(reissue.GetProperty("previousHolder").GetString(), Is.EqualTo("ent-r1"));
            Assert.That(list.Select(a => a.GetProperty("holder").GetString()), Is.EqualTo(new[] { "ent-r1", "ent-r2" }));
            Assert.That(list[0].GetProperty("until").GetDateTimeOffset(), Is.EqualTo(list[1].GetProperty("since").GetDateTimeOffset()));
            Assert.That(list[1].GetProperty("until").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task ASubscribersNumberNeedsNoQualificationButABlockMustBelongToTheHoldersTrunk()
    {
        await QualifiedAsync("ent-b1");
        await QualifiedAsync("ent-b2");
        await TrunkAsync("ent-b1", "trunk-b1", "13500000000", "13500000999", 40102);

        var (subscriber, _) = await PostAsync(_carrier, "/v1/allocations", new { number = "13911119999", holder = "李四" });
        var (otherTrunk, otherBody) = await PostAsync(_carrier, "/v1/allocations", new { block = new { first = "13500000000", last = "13500000999" }, trunk = "trunk-b1", holder = "ent-b2" });
        var (noTrunk, noTrunkBody) = await PostAsync(_carrier, "/v1/allocations", new { block = new { first = "13500000000", last = "13500000999" }, holder = "ent-b1" });
        var (both, bothBody) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230005", block = new { first = "13500000000", last = "13500000999" }, holder = "ent-b1" });

        Assert.Multiple(() =>
        {
            Assert.That(subscriber, Is.EqualTo(201));
            Assert.That(otherTrunk, Is.EqualTo(400));
            Assert.That(otherBody.GetProperty("errors").GetProperty("trunk")[0].GetString(), Does.Contain("belongs to ent-b1"));
            Assert.That(noTrunk, Is.EqualTo(400));
            Assert.That(noTrunkBody.GetProperty("errors").TryGetProperty("trunk", out _), Is.True);
            Assert.That(both, Is.EqualTo(400));
            Assert.That(bothBody.GetProperty("errors").TryGetProperty("number", out _), Is.True);
        });
    }

    [Test]
    public async Task AnEnterpriseOneCarrierListsGetsNoAllocationFromAnotherAndTheEntryIsShared()
    {
        await QualifiedAsync("ent-d1");
        var (listed, entry) = await PostAsync(_otherCarrier, "/v1/discipline-list", new { enterprise = "ent-d1", reason = "harassing calls", carrier = "someone else" });

        var (number, numberBody) = await PostAsync(_carrier, "/v1/allocations", new { number = "4001230006", holder = "ent-d1" });
        var (subscriber, _) = await PostAsync(_carrier, "/v1/allocations", new { number = "13911118888", holder = "ent-d1" });
        using var read = await _carrier.GetAsync(new Uri("/v1/discipline-list?enterprise=ent-d1", UriKind.Relative));
        var entries = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(201), entry.GetRawText());
            Assert.That(entry.GetProperty("carrier").GetString(), Is.EqualTo("carrier-b"), "the listing carrier is the publishing key's account, not a field of the request");
            Assert.That(number, Is.EqualTo(409));
            Assert.That(numberBody.GetProperty("errors").GetProperty("holder")[0].GetString(), Does.Contain("carrier-b").And.Contain("harassing calls"));
            Assert.That(subscriber, Is.EqualTo(409), "a listed enterprise gets no allocation of any kind");
            Assert.That(entries.Select(e => (e.GetProperty("carrier").GetString(), e.GetProperty("reason").GetString())), Is.EqualTo(new[] { ("carrier-b", "harassing calls") }));
        });
    }

    [TestCase("/v1/allocations", "{\"holder\":\"x\"}", "number")]
    [TestCase("/v1/allocations", "{\"number\":\"12\",\"holder\":\"x\"}", "number")]
    [TestCase("/v1/allocations", "{\"number\":\"4001230007\",\"holder\":\"x\",\"since\":\"2999-01-01T00:00:00Z\"}", "since")]
    [TestCase("/v1/allocations", "{\"block\":{\"first\":\"13500000999\",\"last\":\"13500000000\"},\"trunk\":\"t\",\"holder\":\"x\"}", "block")]
    [TestCase("/v1/qualifications", "{\"enterprise\":\"nobody\"}", "enterprise")]
    [TestCase("/v1/discipline-list", "{\"enterprise\":\"x\"}", "reason")]
    public async Task ABadRequestIsRefusedNamingTheField(string path, string json, string field)
    {
        using var response = await _carrier.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.RootElement.GetRawText());
        });
    }

    private async Task EnterpriseAsync(string id) =>
        (await _carrier.PostAsJsonAsync("/v1/enterprises", new { id, name = "Enterprise " + id, sector = "other" })).EnsureSuccessStatusCode();

    private async Task QualifiedAsync(string id, DateTimeOffset? validUntil = null)
    {
        await EnterpriseAsync(id);
        var (status, body) = await PostAsync(_carrier, "/v1/qualifications", new { enterprise = id, businessScope = "customer service", connectsTo = "Beijing call centre", use = "hotline", validUntil = validUntil ?? DateTimeOffset.UtcNow.AddYears(1) });
        Assert.That(status, Is.EqualTo(201), body.GetRawText());
    }

    private async Task TrunkAsync(string enterprise, string id, string first, string last, int port) =>
        (await _carrier.PostAsJsonAsync("/v1/trunks", new { id, enterpriseId = enterprise, realm = "access", source = $"127.0.0.1:{port}", ranges = new[] { new { first, last, inboundOnly = false } } })).EnsureSuccessStatusCode();

    private static async Task<(int Status, JsonElement Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    private async Task<List<JsonElement>> AllocationsAsync(string query)
    {
        using var response = await _carrier.GetAsync(new Uri("/v1/allocations?" + query, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.GetProperty("allocations").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
