using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Labelling.Appeals;
using Microsoft.Extensions.DependencyInjection;
using Reference.CallerAuthentication;
using Reference.Preferences;
using Reference.Storage;

namespace Reference.Tests.Storage;

/// <summary>
/// The records kept beside the directory, over HTTP against a real node: reports, analytics flags, declarations,
/// appeals (and the clears they make), allocation records, label-only callees and signing peers are all there after a restart, as they
/// were answered; and the schema is brought to the newest version from a store made before versions were kept.
/// </summary>
public abstract partial class DurableStoreTests
{
    private static readonly string[] Settings = ["--Labelling:Reporters=2", "--Stir:Enabled=true"];

    /// <summary>Runs SQL on the store under test, from outside the node.</summary>
    protected abstract Task ExecuteAsync(string sql);

    [Test]
    public async Task LabelsReportsAppealsPreferencesAndPeersAreThereAfterARestart()
    {
        string pendingId, clearingId, upheldId;
        await using (var node = await RunningNode.StartAsync(StorageSetting, Settings))
        {
            // Labelled by two reporters (one of them twice), and a number with one report, below the threshold.
            await Created(node, "/v1/reports", new { number = "13811110001", category = "fraud", reporter = "r1", channel = "app", text = "asked for a code" });
            await Created(node, "/v1/reports", new { number = "13811110001", category = "fraud", reporter = "r2", channel = "web" });
            await Created(node, "/v1/reports", new { number = "13811110001", category = "fraud", reporter = "r1", channel = "app" });
            await Created(node, "/v1/reports", new { number = "13811110002", category = "loans", reporter = "r1", channel = "phone" });
            await Created(node, "/v1/labels/analytics", new { number = "13811110003", category = "harassment" });
            await Created(node, "/v1/labels/analytics", new { number = "13811110004", category = "advertising" });
            await Created(node, "/v1/labels/declarations", new { enterprise = "Courier Ltd", category = "delivery", numbers = new[] { "13811110005", "13811110006" } });
            pendingId = await Appeal(node, "13811110001", "other");
            clearingId = await Appeal(node, "13811110003", "other");
            upheldId = await Appeal(node, "13811110004", "other");
            await Decide(node, clearingId, clear: true);
            await Decide(node, upheldId, clear: false);
            await Created(node, "/v1/label-only-callees", new { numbers = new[] { "13811110007", "13811110008" } });
            await Created(node, "/v1/stir/signing-peers", new { address = "127.0.0.1:5099" });
            await Created(node, "/v1/allocations", new { number = "13811110011", holder = "Wang Wu", since = DateTimeOffset.UtcNow.AddDays(-2) });
        }

        await using var restarted = await RunningNode.StartAsync(StorageSetting, Settings);
        var fraud = await Label(restarted, "13811110001");
        var flagged = await Label(restarted, "13811110004");
        var declared = await Label(restarted, "13811110006");
        Assert.Multiple(async () =>
        {
            Assert.That(fraud?.GetProperty("category").GetString(), Is.EqualTo("fraud"));
            Assert.That(fraud?.GetProperty("count").GetInt32(), Is.EqualTo(2), "two distinct reporters; the repeat counts once after a restart too");
            Assert.That(await Label(restarted, "13811110002"), Is.Null, "one reporter stays below the threshold");
            Assert.That(await Label(restarted, "13811110003"), Is.Null, "the clearing decision outlives the restart");
            Assert.That(flagged?.GetProperty("source").GetString(), Is.EqualTo("carrier-analytics"));
            Assert.That(declared?.GetProperty("holder").GetString(), Is.EqualTo("Courier Ltd"));
            Assert.That((await Label(restarted, "13811110005"))?.GetProperty("category").GetString(), Is.EqualTo("delivery"));
            Assert.That(await AppealState(restarted, pendingId), Is.EqualTo("pending"));
            Assert.That(await AppealState(restarted, clearingId), Is.EqualTo("cleared"));
            Assert.That(await AppealState(restarted, upheldId), Is.EqualTo("upheld"));
            Assert.That(restarted.Services.GetRequiredService<CalleePreferences>().PrefersLabels("13811110008"), Is.True);
            Assert.That(restarted.Services.GetRequiredService<CalleePreferences>().PrefersLabels("13811110009"), Is.False);
            Assert.That(restarted.Services.GetRequiredService<SigningPeers>().MustSign("127.0.0.1:5099"), Is.True);
            Assert.That(restarted.Services.GetRequiredService<NumberAllocations>().Latest("13811110011")?.Holder, Is.EqualTo("Wang Wu"));
        });

        // The second report from r2 is a repeat; a third reporter counts; a new appeal gets an id not used before.
        var again = await restarted.Http.PostAsJsonAsync("/v1/reports", new { number = "13811110001", category = "fraud", reporter = "r2", channel = "web" });
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counted").GetBoolean(), Is.False);
        var newId = await Appeal(restarted, "13811110001", "other");
        Assert.That(new[] { pendingId, clearingId, upheldId }, Does.Not.Contain(newId));
    }

    [Test]
    public async Task AStoreMadeBeforeSchemaVersionsIsBroughtUpToDateAndKeepsItsData()
    {
        // The directory's tables as nodes created them before migrations were versioned, with one enterprise in them.
        await using (var node = await RunningNode.StartAsync(StorageSetting))
        {
            await Created(node, "/v1/enterprises", new { id = "e-old", name = "Old Ltd", sector = "other" });
        }

        // The view of the call records as text goes with them (migration 19), and the codes it reads.
        await ExecuteAsync("DROP VIEW call_records_text");
        foreach (var table in new[] { "call_record_codes", "label_reports", "label_flags", "label_declarations", "label_clears", "appeals", "label_only_callees", "signing_peers", "call_records", "allocations", "tickets", "ticket_idempotency", "holiday_calendar_years", "qualifications", "resource_allocations", "discipline_list", "trunk_sanctions", "portal_keys", "call_records_journal", "call_record_hours", "schema_migrations" })
        {
            await ExecuteAsync($"DROP TABLE {table}");
        }

        await using var upgraded = await RunningNode.StartAsync(StorageSetting, Settings);
        var store = (SqlDirectoryStore)upgraded.Services.GetRequiredService<IDirectoryStore>();
        Assert.That(store.Database.AppliedVersions(), Is.EqualTo(SchemaMigrations.All.Select(m => m.Version)));
        Assert.That(upgraded.Services.GetRequiredService<InMemoryDirectory>().FindEnterprise("e-old")?.Name, Is.EqualTo("Old Ltd"));
        await Created(upgraded, "/v1/reports", new { number = "13811110010", category = "fraud", reporter = "r1", channel = "app" });
    }

    [Test]
    public async Task AStoreWrittenByANewerSchemaIsRefusedAtStart()
    {
        await using (await RunningNode.StartAsync(StorageSetting))
        {
        }

        await ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01T00:00:00.0000000+00:00')");
        var refused = Assert.ThrowsAsync<StorageException>(async () => await RunningNode.StartAsync(StorageSetting));
        Assert.That(refused!.Message, Does.Contain("schema version 999"));
    }

    private static async Task<JsonElement?> Label(RunningNode node, string number)
    {
        var response = await node.Http.GetAsync($"/v1/labels/{number}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> Appeal(RunningNode node, string number, string reason)
    {
        var response = await node.Http.PostAsJsonAsync("/v1/appeals", new { number, holder = "Holder", reason, text = "not ours" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task Decide(RunningNode node, string id, bool clear)
    {
        var response = await node.Http.PostAsJsonAsync($"/v1/appeals/{id}/decision", new { clear, why = "decided by the test" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static async Task<string?> AppealState(RunningNode node, string id) =>
        (await node.Http.GetFromJsonAsync<JsonElement>($"/v1/appeals/{id}")).GetProperty("state").GetString();
}
