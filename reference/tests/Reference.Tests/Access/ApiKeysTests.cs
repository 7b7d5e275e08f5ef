using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Reference.Tests.Access;

/// <summary>The administrator issues and revokes keys through the API; the store holds their hashes only, across restarts.</summary>
public sealed class ApiKeysTests
{
    [Test]
    public async Task AnIssuedKeyWorksForItsRolesUntilRevokedAndSurvivesARestartHashed()
    {
        var file = Path.Combine(Path.GetTempPath(), $"reference-keys-{Guid.NewGuid():N}.db");
        var storage = $"--Storage:Sqlite={file}";
        try
        {
            string secret;
            string id;
            await using (var node = await RunningNode.StartAsync(storage))
            {
                var admin = node.WithKey(RunningNode.AdminKey);
                using var issued = await admin.PostAsJsonAsync("/v1/api-keys", new { roles = new[] { "regulator" }, account = "nra" });
                Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
                using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
                secret = body.RootElement.GetProperty("key").GetString()!;
                id = body.RootElement.GetProperty("id").GetString()!;
                Assert.That(issued.Headers.Location?.ToString(), Is.EqualTo("/v1/api-keys/" + id));

                var regulator = node.WithKey(secret);
                Assert.That((await regulator.GetAsync("/v1/parameters")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That((await regulator.PutAsJsonAsync("/v1/parameters", new { })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a regulator reads, never writes");
                var listed = await admin.GetStringAsync("/v1/api-keys");
                Assert.That(listed, Does.Contain(id).And.Not.Contain(secret), "the list never shows a secret");
            }

            using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT key_hash, roles FROM api_keys WHERE id = @id";
                command.Parameters.AddWithValue("id", id);
                using var reader = command.ExecuteReader();
                Assert.That(reader.Read(), Is.True, "the key is in the store");
                Assert.That(reader.GetString(0), Is.EqualTo(Reference.Access.ApiKeyHash.Of(secret)).And.Not.Contains(secret));
                Assert.That(reader.GetString(1), Is.EqualTo("regulator"));
            }

            await using (var restarted = await RunningNode.StartAsync(storage))
            {
                var regulator = restarted.WithKey(secret);
                Assert.That((await regulator.GetAsync("/v1/parameters")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the key outlives a restart");

                var admin = restarted.WithKey(RunningNode.AdminKey);
                using var revoked = await admin.DeleteAsync("/v1/api-keys/" + id);
                Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoked.Content.ReadAsStringAsync());
                using var refused = await regulator.GetAsync("/v1/parameters");
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a revoked key is refused at once");
                Assert.That(refused.Headers.WwwAuthenticate.ToString(), Does.Contain("invalid_token"));
            }

            await using (var again = await RunningNode.StartAsync(storage))
            {
                Assert.That((await again.WithKey(secret).GetAsync("/v1/parameters")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a revoked key stays revoked across a restart");
            }
        }
        finally
        {
            foreach (var f in new[] { file, file + "-wal", file + "-shm", file + "-calls" })
            {
                File.Delete(f);
            }
        }
    }

    [TestCase("{\"roles\":[]}", "roles")]
    [TestCase("{\"roles\":[\"administrator\"]}", "roles[0]")]
    [TestCase("{\"roles\":[\"root\"]}", "roles[0]")]
    [TestCase("{\"roles\":[\"enterprise\"]}", "account")]
    [TestCase("{\"roles\":[\"public-reporter\"]}", "account")]
    [TestCase("{\"roles\":\"regulator\"}", "roles")]
    public async Task ABadKeyRequestIsRefusedNamingTheField(string body, string field)
    {
        await using var node = await RunningNode.StartAsync();
        using var response = await node.WithKey(RunningNode.AdminKey).PostAsync("/v1/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.RootElement.ToString());
    }

    [Test]
    public void AShortAdministratorKeyStopsTheStartNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ReferenceApp.Build(["--Storage:Sqlite=:memory:", "--Api:AdminKey=short", "--Http:Url=http://127.0.0.1:0"]));
        Assert.That(ex!.Message, Does.Contain("Api:AdminKey"));
    }
}
