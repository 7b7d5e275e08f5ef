using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sip;
using Reference.Traceback;

namespace Reference.Tests.Traceback;

/// <summary>
/// Call records through the node, on real loopback sockets and a SQLite file: a call's record is found by a query made
/// as soon as the caller has its final response, with the trunk and enterprise it came from; the retention (on the
/// test clock) hides records at once and the sweep deletes them. A call's final response, answered by the node or relayed,
/// leaves only once its record is in the store.
/// </summary>
[NonParallelizable]
public sealed class TracebackTests
{
    private const string Callee = "13812345678";

    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("reference-traceback-").FullName;

    [TearDown]
    public void RemoveDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task AnInterceptedCallIsFoundAsSoonAsItsFinalResponseIsSent()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await StartAsync(callee);
        var invite = caller.Invite(node.International, "+8613912345678", Callee);

        await caller.SendAsync(invite, node.International);
        await caller.ResponseAsync(603);
        var calls = await QueryAsync(node, $"callee={Callee}&from={Iso(DateTimeOffset.UtcNow.AddHours(-1))}&to={Iso(DateTimeOffset.UtcNow.AddHours(1))}");

        var record = calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.GetProperty("callId").GetString(), Is.EqualTo(invite.CallId));
            Assert.That(record.GetProperty("realm").GetString(), Is.EqualTo("international"));
            Assert.That(record.GetProperty("calling").GetString(), Is.EqualTo("+8613912345678"));
            Assert.That(record.GetProperty("called").GetString(), Is.EqualTo(Callee));
            Assert.That(record.GetProperty("decision").GetString(), Is.EqualTo("intercept"));
            Assert.That(record.GetProperty("reason").GetString(), Is.EqualTo("intl-presents-domestic-number"));
            Assert.That(record.GetProperty("trunk").ValueKind, Is.EqualTo(JsonValueKind.Null), "a gateway peer is no provisioned trunk");
            Assert.That(Guid.TryParse(record.GetProperty("origid").GetString(), out _), Is.True, "the gateway's entry point has an origid");
        });
    }

    [TestCase("journal")]
    [TestCase("none")]
    public async Task AnInterceptedCallsFinalResponseWaitsForItsRecordToBeKept(string journal)
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        // Lingering half a second, the writer would leave the record unwritten well after an answer sent at once.
        await using var node = await StartAsync(callee, "--CallRecords:LingerMilliseconds=500", "--CallRecords:Journal=" + (journal == "none" ? "none" : Journal));
        var invite = caller.Invite(node.International, "+8613912345678", Callee);

        await caller.SendAsync(invite, node.International);
        await caller.ResponseAsync(603);

        Assert.That(KeptCallIds(), Is.EqualTo(new[] { invite.CallId }), "the record is kept (journal or store) when the caller has the final response");
    }

    [Test]
    public async Task AForwardedCallsAnswerIsRelayedOnlyOnceItsRecordIsKept()
    {
        await using var callee = new SipPeer();
        await using var trunk = new SipPeer();
        await using var node = await StartAsync(callee, "--CallRecords:LingerMilliseconds=500");
        await ProvisionAsync(node, trunk);
        var invite = trunk.Invite(node.Access, "13700001234", Callee);

        await trunk.SendAsync(invite, node.Access);
        var forwarded = await callee.RequestAsync("INVITE");
        await callee.SendAsync(SipResponse.For(forwarded, 200, toTag: "callee"), node.Access);
        await trunk.ResponseAsync(200);

        Assert.That(KeptCallIds(), Is.EqualTo(new[] { invite.CallId }), "the record is kept (journal or store) when the caller has the 200");
    }

    [Test]
    public async Task WithoutHoldingTheAnswerGoesBeforeTheRecord()
    {
        // The control for the two tests above: the same call, responses not held, is answered before its record is kept.
        // Without a journal: a journal keeps the record as it is queued, before any answer, held or not.
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await StartAsync(callee, "--CallRecords:LingerMilliseconds=500", "--CallRecords:HoldResponses=false", "--CallRecords:Journal=none");

        await caller.SendAsync(caller.Invite(node.International, "+8613912345678", Callee), node.International);
        await caller.ResponseAsync(603);

        Assert.That(KeptCallIds(), Is.Empty);
    }

    [Test]
    public async Task AForwardedTrunkCallNamesItsTrunkAndEnterpriseByCallerAndByOrigid()
    {
        await using var callee = new SipPeer();
        await using var trunk = new SipPeer();
        await using var node = await StartAsync(callee);
        await ProvisionAsync(node, trunk);

        await trunk.SendAsync(trunk.Invite(node.Access, "13700001234", Callee), node.Access);
        var forwarded = await callee.RequestAsync("INVITE");
        var byCaller = (await QueryAsync(node, "caller=13700001234")).Single();
        var byOrigId = await QueryAsync(node, "origid=" + byCaller.GetProperty("origid").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(byCaller.GetProperty("trunk").GetString(), Is.EqualTo("trunk-t1"));
            Assert.That(byCaller.GetProperty("enterprise").GetString(), Is.EqualTo("ent-t1"));
            Assert.That(byCaller.GetProperty("decision").GetString(), Is.EqualTo("forward"));
            Assert.That(byOrigId.Select(c => c.GetProperty("callId").GetString()), Is.EqualTo(new[] { forwarded.CallId }));
        });
    }

    [Test]
    public async Task ARecordPastItsRetentionIsNotAnsweredAndTheSweepDeletesIt()
    {
        await using var callee = new SipPeer();
        await using var caller = new SipPeer();
        await using var node = await StartAsync(callee, "--CallRecords:RetentionDays=10");
        await caller.SendAsync(caller.Invite(node.International, "+8613912345678", Callee), node.International);
        await caller.ResponseAsync(603);
        Assert.That(await QueryAsync(node, "caller=%2B8613912345678"), Has.Count.EqualTo(1));

        await AdvanceAsync(node, TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        var justBefore = await QueryAsync(node, "caller=%2B8613912345678");
        await AdvanceAsync(node, TimeSpan.FromMinutes(2));
        var after = await QueryAsync(node, "caller=%2B8613912345678");
        var deleted = node.Services.GetRequiredService<CallRecordRetention>().Sweep();

        Assert.Multiple(() =>
        {
            Assert.That(justBefore, Has.Count.EqualTo(1), "a minute before the end of its retention the record is kept");
            Assert.That(after, Is.Empty, "past its retention the record is not answered");
            Assert.That(deleted, Is.EqualTo(1), "the sweep deletes the record past its retention");
            Assert.That(Count(), Is.Zero);
        });
    }

    [TestCase("", "callee")]
    [TestCase("callee=13812345678", "from")]
    [TestCase("callee=13812345678&caller=13700001234", "caller")]
    [TestCase("callee=13812345678&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "to")]
    [TestCase("caller=13700001234&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [TestCase("caller=13700001234&limit=0", "limit")]
    [TestCase("caller=13700001234&from=yesterday", "from")]
    public async Task ABadQueryIsRefusedNamingTheParameter(string query, string field)
    {
        await using var callee = new SipPeer();
        await using var node = await StartAsync(callee);

        using var response = await node.Http.GetAsync(new Uri("/v1/traceback/calls?" + query, UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.RootElement.GetRawText());
        });
    }

    private Task<ProxyingNode> StartAsync(SipPeer callee, params string[] settings) =>
        ProxyingNode.StartAsync(callee.EndPoint, ["--TestMode:Enabled=true", $"--Storage:Sqlite={Path.Combine(_directory, "reference.db")}", .. settings]);

    private static async Task ProvisionAsync(ProxyingNode node, SipPeer trunk)
    {
        (await node.Http.PostAsJsonAsync("/v1/enterprises", new { id = "ent-t1", name = "Enterprise T1", sector = "other" })).EnsureSuccessStatusCode();
        (await node.Http.PostAsJsonAsync("/v1/trunks", new
        {
            id = "trunk-t1",
            enterpriseId = "ent-t1",
            realm = "access",
            source = trunk.EndPoint.ToString(),
            ranges = new[] { new { first = "13700000000", last = "13700009999", inboundOnly = false } },
        })).EnsureSuccessStatusCode();
    }

    private static async Task AdvanceAsync(ProxyingNode node, TimeSpan by) =>
        (await node.Http.PostAsJsonAsync("/v1/test/clock/advance", new { seconds = by.TotalSeconds })).EnsureSuccessStatusCode();

    private static async Task<List<JsonElement>> QueryAsync(ProxyingNode node, string query)
    {
        using var response = await node.Http.GetAsync(new Uri("/v1/traceback/calls?" + query, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("calls").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private long Count()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "reference.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM call_records";
        return (long)command.ExecuteScalar()!;
    }

    private string Journal => Path.Combine(_directory, "reference.db-calls");

    /// <summary>Call-IDs of the records kept: in the journal file or in the store.</summary>
    private List<string> KeptCallIds() =>
        [.. Reference.Tests.Storage.CallRecordJournalReader.Read(Journal).Select(r => r.CallId).Union(CallIds())];

    private List<string> CallIds()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "reference.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT call_id FROM call_records";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
}
