using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reference.Access;
using Reference.Storage;
using Reference.Tests.Storage;

namespace Reference.Tests.Resources;

/// <summary>
/// The resources records outlive a restart on the same store, SQLite and PostgreSQL alike (schema version 8, the same
/// SQL on both): a qualification, an allocation and its reissue, a listing and a suspension answered before the restart
/// are all there after it, and still decide what the node allows.
/// </summary>
[NonParallelizable]
public sealed class ResourcesStoreTests
{
    [Test]
    public async Task ResourcesOutliveARestartOnSqlite()
    {
        var directory = Directory.CreateTempSubdirectory("reference-resources-store-").FullName;
        try
        {
            await RestartKeepsResourcesAsync($"--Storage:Sqlite={Path.Combine(directory, "reference.db")}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task ResourcesOutliveARestartOnPostgreSql()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        await RestartKeepsResourcesAsync($"--Storage:PostgreSql={server.ConnectionString}");
    }

    private static async Task RestartKeepsResourcesAsync(string storage)
    {
        await using (var node = await RunningNode.StartAsync(storage))
        {
            var carrier = node.As("carrier-a", Role.CarrierOperator);
            (await carrier.PostAsJsonAsync("/v1/enterprises", new { id = "ent-k1", name = "K1", sector = "other" })).EnsureSuccessStatusCode();
            (await carrier.PostAsJsonAsync("/v1/enterprises", new { id = "ent-k2", name = "K2", sector = "other" })).EnsureSuccessStatusCode();
            (await carrier.PostAsJsonAsync("/v1/trunks", new { id = "trunk-k1", enterpriseId = "ent-k1", realm = "access", source = "127.0.0.1:40201", ranges = Array.Empty<object>() })).EnsureSuccessStatusCode();
            foreach (var id in new[] { "ent-k1", "ent-k2" })
            {
                (await carrier.PostAsJsonAsync("/v1/qualifications", new { enterprise = id, businessScope = "customer service", connectsTo = "Beijing", use = "hotline", validUntil = DateTimeOffset.UtcNow.AddYears(1) })).EnsureSuccessStatusCode();
            }

            (await carrier.PostAsJsonAsync("/v1/allocations", new { number = "4009990001", holder = "ent-k1", since = DateTimeOffset.UtcNow.AddDays(-3) })).EnsureSuccessStatusCode();
            (await carrier.PostAsJsonAsync("/v1/allocations", new { number = "4009990001", holder = "ent-k2" })).EnsureSuccessStatusCode();
            (await carrier.PostAsJsonAsync("/v1/discipline-list", new { enterprise = "ent-listed", reason = "harassing calls" })).EnsureSuccessStatusCode();
            (await carrier.PutAsJsonAsync("/v1/trunks/trunk-k1/suspension", new { reason = "harassing calls" })).EnsureSuccessStatusCode();
        }

        await using var restarted = await RunningNode.StartAsync(storage);
        var reader = restarted.As("carrier-b", Role.CarrierOperator);
        var allocations = await JsonAsync(reader, "/v1/allocations?number=4009990001");
        var qualification = await JsonAsync(reader, "/v1/qualifications/ent-k1");
        var listing = await JsonAsync(reader, "/v1/discipline-list?enterprise=ent-listed");
        var sanction = await JsonAsync(reader, "/v1/trunks/trunk-k1/suspension");
        using var refused = await reader.PostAsJsonAsync("/v1/allocations", new { number = "13911117777", holder = "ent-listed" });

        Assert.Multiple(() =>
        {
            Assert.That(allocations.GetProperty("allocations").EnumerateArray().Select(a => (a.GetProperty("holder").GetString(), a.GetProperty("until").ValueKind == JsonValueKind.Null)),
                Is.EqualTo(new[] { ("ent-k1", false), ("ent-k2", true) }), "the allocation and its reissue");
            Assert.That(qualification.GetProperty("missing").GetArrayLength(), Is.Zero);
            Assert.That(listing.GetProperty("entries")[0].GetProperty("carrier").GetString(), Is.EqualTo("carrier-a"));
            Assert.That(sanction.GetProperty("inForce").GetBoolean(), Is.True);
            Assert.That((int)refused.StatusCode, Is.EqualTo(409), "the listing still blocks allocations");
            Assert.That(restarted.Services.GetService(typeof(Reference.Resources.ResourceLedger)) is Reference.Resources.ResourceLedger ledger && ledger.IsSuspended("trunk-k1"), Is.True, "the call path sees the suspension");
            Assert.That(SchemaMigrations.All.Any(m => m.Version == 8), Is.True);
        });
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
