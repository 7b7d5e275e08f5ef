using System.Net.Http.Json;
using System.Text.Json;
using Labelling.Appeals;
using Reference.Access;
using Reference.Resources;
using Reference.Storage;
using Reference.Tests.Storage;

namespace Reference.Tests.Resources;

/// <summary>
/// Two nodes on one store, each with its ledger in its own memory, both loaded before either allocates (schema version
/// 15): the second allocation of a number is refused by the store and answered 409 naming the number and who holds it;
/// the same allocation asked on the other node is the one already made; after the refusal the losing node knows the
/// holder; a reissue decided on a stale view is refused too. The store keeps one current allocation of the number.
/// </summary>
[NonParallelizable]
public sealed class AllocationAcrossNodesTests
{
    private static readonly ApiCaller Carrier = new("test-key", [Role.CarrierOperator], "carrier-a");

    [TestCase("sqlite")]
    [TestCase("postgresql")]
    public async Task TheSecondNodeToAllocateANumberIsRefusedNamingIt(string store)
    {
        await using var server = store == "postgresql" ? await Server() : null;
        var directory = Directory.CreateTempSubdirectory("reference-nodes-").FullName;
        try
        {
            SqlDatabase Database() => server is null ? DirectoryStores.Sqlite(Path.Combine(directory, "reference.db")).Database : DirectoryStores.PostgreSql(server.ConnectionString).Database;
            using var first = Ledger(Database());
            using var second = Ledger(Database());
            using var third = Ledger(Database());
            var since = DateTimeOffset.UtcNow.AddMinutes(-10);

            var made = await first.AllocateAsync(AllocationKind.Number, "4005550001", "4005550001", "ent-a", null, needsQualification: false, since, Carrier, since);
            var lost = await second.AllocateAsync(AllocationKind.Number, "4005550001", "4005550001", "ent-b", null, needsQualification: false, since.AddMinutes(1), Carrier, since.AddMinutes(1));
            var same = await third.AllocateAsync(AllocationKind.Number, "4005550001", "4005550001", "ent-a", null, needsQualification: false, since, Carrier, since);
            var known = second.Allocations("4005550001", null, null);

            // The first node reissues the number; the second, which last saw ent-a's allocation, reissues it too.
            var reissued = await first.AllocateAsync(AllocationKind.Number, "4005550001", "4005550001", "ent-c", null, needsQualification: false, since.AddMinutes(2), Carrier, since.AddMinutes(2));
            var stale = await second.AllocateAsync(AllocationKind.Number, "4005550001", "4005550001", "ent-d", null, needsQualification: false, since.AddMinutes(3), Carrier, since.AddMinutes(3));

            using var reader = Database();
            var current = reader.Reading("allocations", () => reader.Read(
                "SELECT holder FROM resource_allocations WHERE first_number = '4005550001' AND until_at IS NULL", r => r.GetString(0)));

            Assert.Multiple(() =>
            {
                Assert.That(made.Created, Is.True);
                Assert.That(lost.Allocation, Is.Null, "the second node's allocation is refused");
                Assert.That(lost.Refusal.Select(r => r.Field), Is.EqualTo(new[] { "number" }));
                Assert.That(lost.Refusal[0].Problem, Does.Contain("4005550001").And.Contain("ent-a"), "the refusal names the number and its holder");
                Assert.That(same.Created, Is.False, "the same allocation asked on another node is the one already made");
                Assert.That(same.Allocation?.Id, Is.EqualTo(made.Allocation?.Id));
                Assert.That(known.Select(a => a.Holder), Is.EqualTo(new[] { "ent-a" }), "after the refusal the second node knows the holder");
                Assert.That(reissued.Created, Is.True);
                Assert.That(stale.Allocation, Is.Null, "a reissue decided on a stale view is refused");
                Assert.That(stale.Refusal[0].Problem, Does.Contain("ent-c"));
                Assert.That(current, Is.EqualTo(new[] { "ent-c" }), "the store keeps one current allocation of the number");
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task ThroughTheApiTheLosingAllocationIsA409ProblemNamingTheNumber()
    {
        var directory = Directory.CreateTempSubdirectory("reference-nodes-").FullName;
        var file = Path.Combine(directory, "reference.db");
        try
        {
            await using var node = await RunningNode.StartAsync("--Storage:Sqlite=" + file);
            using var carrier = node.As("carrier-a", Role.CarrierOperator);
            using (var other = Ledger(DirectoryStores.Sqlite(file).Database))
            {
                var since = DateTimeOffset.UtcNow.AddMinutes(-5);
                Assert.That((await other.AllocateAsync(AllocationKind.Number, "13911117777", "13911117777", "ent-other", null, needsQualification: false, since, Carrier, since)).Created, Is.True);
            }

            using var response = await carrier.PostAsJsonAsync("/v1/allocations", new { number = "13911117777", holder = "ent-mine" });
            var text = await response.Content.ReadAsStringAsync();
            var body = JsonDocument.Parse(text).RootElement;

            Assert.Multiple(() =>
            {
                Assert.That((int)response.StatusCode, Is.EqualTo(409), text);
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(body.GetProperty("errors").GetProperty("number")[0].GetString(), Does.Contain("13911117777").And.Contain("ent-other"), text);
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ResourceLedger Ledger(SqlDatabase database) => new(new ResourceStore(database), new ResourceOptions(), new NumberAllocations());

    private static async Task<PostgresServer> Server()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        return await PostgresServer.StartAsync();
    }
}
