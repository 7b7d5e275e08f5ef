using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reference.Access;

namespace Reference.Tests.Access;

/// <summary>
/// Labels no one can forge or launder: reports count once per verified reporter whatever name the body gives, public
/// reports are rate-limited, a reissue appeal is checked against the allocation record, a fraud label never goes on the
/// appellant's word, and appellants' names are for the appeal desk only.
/// </summary>
public sealed class ReportsAndAppealsTests
{
    private RunningNode _node = null!;

    [OneTimeSetUp]
    public async Task Start() => _node = await RunningNode.StartAsync(
        "--Storage:Sqlite=:memory:", "--Labelling:Reporters=3");

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task OnePublicReporterCountsOnceWhateverNamesItSignsWith()
    {
        var reporter = _node.As("subscriber-a", Role.PublicReporter);
        var counted = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await reporter.PostAsJsonAsync("/v1/reports", new { number = "13911110001", category = "fraud", reporter = $"invented-{i}", channel = "app" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            counted.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("counted").GetBoolean());
        }

        Assert.That(counted, Is.EqualTo(new[] { true, false, false }));
        Assert.That((await _node.Http.GetAsync("/v1/labels/13911110001")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "three reports of one account make no label at threshold 3");
    }

    [Test]
    public async Task ACarrierIntakeCountsAVerifiedNumberOnceAndItsOwnAccountsApartFromAnotherIntakes()
    {
        var intakeA = _node.As("intake-a", Role.CarrierOperator);
        var intakeB = _node.As("intake-b", Role.CarrierOperator);
        Assert.That(await Counted(intakeA, "13911110002", "13700000001"), Is.True);
        Assert.That(await Counted(intakeB, "13911110002", "+8613700000001"), Is.False, "the same verified phone number through another intake counts once");
        Assert.That(await Counted(intakeA, "13911110002", "user-7"), Is.True);
        Assert.That(await Counted(intakeB, "13911110002", "user-7"), Is.True, "another intake's account of the same name is another reporter");
    }

    [Test]
    public async Task PublicReportsAreLimitedPerReporterAndPerAddressWith429AndRetryAfter()
    {
        await using var limited = await RunningNode.StartAsync(
            "--Storage:Sqlite=:memory:", "--Api:Reports:PerReporter=4", "--Api:Reports:PerAddress=6", "--Api:Reports:WindowSeconds=3600");
        var reporter = limited.As("subscriber-busy", Role.PublicReporter);
        for (var i = 0; i < 4; i++)
        {
            using var taken = await reporter.PostAsJsonAsync("/v1/reports", new { number = $"1391111100{i}", category = "harassment", channel = "app" });
            Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var refused = await reporter.PostAsJsonAsync("/v1/reports", new { number = "13911111009", category = "harassment", channel = "app" });
        Assert.That((int)refused.StatusCode, Is.EqualTo(429));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        // Fresh accounts from the same address: two more reports fit under the address's 6, the next does not.
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await limited.As($"sybil-{i}", Role.PublicReporter).PostAsJsonAsync("/v1/reports", new { number = "13911111010", category = "fraud", channel = "app" });
            statuses.Add((int)response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 201, 201, 429 }), "many accounts from one address are limited together");
        using var carrier = await limited.Http.PostAsJsonAsync("/v1/reports", new { number = "13911111011", category = "fraud", reporter = "13700000009", channel = "12321" });
        Assert.That(carrier.StatusCode, Is.EqualTo(HttpStatusCode.Created), "a carrier's intake answers for its subscribers and is not limited here");
    }

    [Test]
    public async Task AFraudLabelIsNotClearedOnTheAppellantsWordButIsAgainstTheAllocationRecord()
    {
        await Label("13911112001", "fraud");
        var subscriber = _node.As("holder-1", Role.PublicReporter);
        Assert.That(await AppealState(subscriber, "13911112001", "王小明"), Is.EqualTo("pending"), "no record: the desk decides");
        Assert.That((await _node.Http.GetAsync("/v1/labels/13911112001")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the label stays meanwhile");

        using (var record = await _node.Http.PostAsJsonAsync("/v1/allocations", new { number = "13911112001", holder = "张三", since = DateTimeOffset.UtcNow.AddDays(-400) }))
        {
            Assert.That(record.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        Assert.That(await AppealState(subscriber, "13911112001", "王小明"), Is.EqualTo("pending"), "the record shows another holder had the number when it was labelled");

        var clock = await _node.Http.GetFromJsonAsync<JsonElement>("/v1/test/clock");
        using (var record = await _node.Http.PostAsJsonAsync("/v1/allocations", new { number = "13911112001", holder = "王小明", since = clock.GetProperty("now").GetDateTimeOffset() }))
        {
            Assert.That(record.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        Assert.That(await AppealState(subscriber, "13911112001", "李四"), Is.EqualTo("pending"), "the record names another holder");
        Assert.That(await AppealState(subscriber, "13911112001", "王小明"), Is.EqualTo("cleared"), "reissued to the appellant after the label");
        Assert.That((await _node.Http.GetAsync("/v1/labels/13911112001")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task AppellantsNamesAreShownToTheAppealDeskOnly()
    {
        await Label("13911113001", "loans");
        using var filed = await _node.As("holder-2", Role.PublicReporter).PostAsJsonAsync("/v1/appeals", new { number = "13911113001", holder = "张三", reason = "other" });
        var id = JsonDocument.Parse(await filed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var desk = _node.As("desk", Role.AppealDesk);
        var regulator = _node.As("regulator", Role.Regulator);

        Assert.Multiple(async () =>
        {
            Assert.That(await desk.GetStringAsync("/v1/appeals"), Does.Contain("张三"));
            Assert.That(await desk.GetStringAsync("/v1/appeals/" + id), Does.Contain("张三"));
            Assert.That(await regulator.GetStringAsync("/v1/appeals"), Does.Contain(id).And.Not.Contain("张三"));
            Assert.That(await regulator.GetStringAsync("/v1/appeals/" + id), Does.Not.Contain("张三"));
            Assert.That(await _node.As("other-subscriber", Role.PublicReporter).GetStringAsync("/v1/appeals/" + id), Does.Not.Contain("张三"));
        });
    }

    [Test]
    public async Task AnEnterpriseDeclaresOnlyItsOwnNumbers()
    {
        var enterprise = _node.As("courier-1", Role.Enterprise);
        using var own = await enterprise.PostAsJsonAsync("/v1/labels/declarations", new { enterprise = "courier-1", category = "delivery", numbers = new[] { "13911114001" } });
        using var other = await enterprise.PostAsJsonAsync("/v1/labels/declarations", new { enterprise = "courier-2", category = "delivery", numbers = new[] { "13911114002" } });

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Created), await own.Content.ReadAsStringAsync());
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await other.Content.ReadAsStringAsync(), Does.Contain("enterprise"));
    }

    private async Task Label(string number, string category)
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await Counted(_node.Http, number, $"137{number[^4..]}000{i}", category), Is.True);
        }
    }

    private static async Task<bool> Counted(HttpClient client, string number, string reporter, string category = "harassment")
    {
        using var response = await client.PostAsJsonAsync("/v1/reports", new { number, category, reporter, channel = "12321" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("counted").GetBoolean();
    }

    private static async Task<string> AppealState(HttpClient client, string number, string holder)
    {
        using var response = await client.PostAsJsonAsync("/v1/appeals", new { number, holder, reason = "reissued" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("state").GetString()!;
    }
}
