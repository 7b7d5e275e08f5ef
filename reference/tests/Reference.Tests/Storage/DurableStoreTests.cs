using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reference.Storage;

namespace Reference.Tests.Storage;

/// <summary>
/// What every durable store must do, over HTTP against a real node: provisioned data outlives a restart and is
/// screened from memory after it, and a request the store refuses to write leaves nothing behind, in the store or
/// in memory. Subclasses say which store and how to make one write fail.
/// </summary>
public abstract partial class DurableStoreTests
{
    /// <summary>The first number of a range whose insertion the store is made to refuse.</summary>
    protected const string Poisoned = "13999999000";

    /// <summary>The command-line setting that points the node at the store under test.</summary>
    protected abstract string StorageSetting { get; }

    /// <summary>Makes the store refuse to insert a range whose first number is <see cref="Poisoned"/>.</summary>
    protected abstract Task PoisonAsync();

    [Test]
    public async Task ProvisionedDataIsThereAfterARestart()
    {
        await using (var node = await RunningNode.StartAsync(StorageSetting))
        {
            await Created(node, "/v1/enterprises", new { id = "e-kept", name = "Kept Ltd", sector = "finance" });
            await Created(node, "/v1/trunks", new { id = "t-kept", enterpriseId = "e-kept", realm = "access", source = "127.0.0.1:42000", ranges = new[] { new { first = "13600000000", last = "13600000999", inboundOnly = true } } });
            await Created(node, "/v1/consents", new { enterpriseId = "e-kept", callee = "13512340000", evidence = "recorded call 2026-01-05" });
            await Created(node, "/v1/refusals", new { callee = "13512340001", enterpriseId = "e-kept" });
            await Created(node, "/v1/refusals", new { callee = "13512340002" });
            await Created(node, "/v1/roaming", new { numbers = new[] { "13512340003" } });
            await Created(node, "/v1/do-not-originate", new { numbers = new[] { "4001234567" } });
            var put = await node.Http.PutAsJsonAsync("/v1/parameters", new { bombing = new { limit = 4 } });
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        await using var restarted = await RunningNode.StartAsync(StorageSetting);
        var directory = restarted.Services.GetRequiredService<InMemoryDirectory>();
        var at = DateTimeOffset.UtcNow;
        Assert.Multiple(() =>
        {
            Assert.That(directory.FindEnterprise("e-kept")?.Name, Is.EqualTo("Kept Ltd"));
            Assert.That(directory.TrunkAt("127.0.0.1:42000")?.Id, Is.EqualTo("t-kept"));
            Assert.That(directory.RangeOf("13600000500")?.InboundOnly, Is.True);
            Assert.That(directory.HasConsent("e-kept", "13512340000", at), Is.True);
            Assert.That(directory.FindConsent("e-kept", "13512340000")?.Evidence, Is.EqualTo("recorded call 2026-01-05"));
            Assert.That(directory.IsRefused("e-kept", "13512340001"), Is.True);
            Assert.That(directory.IsRefused("anyone", "13512340002"), Is.True);
            Assert.That(directory.IsRefused("anyone", "13512340001"), Is.False);
            Assert.That(directory.IsRoaming("13512340003"), Is.True);
            Assert.That(directory.IsDoNotOriginate("4001234567"), Is.True);
        });
        var parameters = await restarted.Http.GetFromJsonAsync<JsonElement>("/v1/parameters");
        Assert.That(parameters.GetProperty("bombing").GetProperty("limit").GetInt32(), Is.EqualTo(4));
    }

    [Test]
    public async Task AWriteTheStoreRefusesLeavesNothingBehind()
    {
        await using (var node = await RunningNode.StartAsync(StorageSetting))
        {
            await Created(node, "/v1/enterprises", new { id = "e-half", name = "Half Ltd", sector = "other" });
            await PoisonAsync();

            // The trunk row and the first range go in before the poisoned range fails: all three must roll back.
            var response = await node.Http.PostAsJsonAsync("/v1/trunks", new
            {
                id = "t-half", enterpriseId = "e-half", realm = "access", source = "127.0.0.1:42001",
                ranges = new[] { new { first = "13700000000", last = "13700000999" }, new { first = Poisoned, last = "13999999999" } },
            });
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(problem.GetProperty("title").GetString(), Does.Contain("nothing was written"));
            });
            AssertNoTrunk(node);
        }

        await using var restarted = await RunningNode.StartAsync(StorageSetting);
        AssertNoTrunk(restarted);
        await Created(restarted, "/v1/trunks", new { id = "t-half", enterpriseId = "e-half", realm = "access", source = "127.0.0.1:42001", ranges = new[] { new { first = "13700000000", last = "13700000999" } } });
    }

    private static void AssertNoTrunk(RunningNode node)
    {
        var directory = node.Services.GetRequiredService<InMemoryDirectory>();
        Assert.Multiple(() =>
        {
            Assert.That(directory.FindTrunk("t-half"), Is.Null);
            Assert.That(directory.TrunkAt("127.0.0.1:42001"), Is.Null);
            Assert.That(directory.RangeOf("13700000500"), Is.Null);
            Assert.That(directory.RangeCount, Is.Zero);
        });
    }

    private static async Task Created(RunningNode node, string path, object body)
    {
        var response = await node.Http.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"POST {path}: {await response.Content.ReadAsStringAsync()}");
    }
}
