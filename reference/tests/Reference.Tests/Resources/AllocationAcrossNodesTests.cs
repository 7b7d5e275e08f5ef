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
/// holder; a reissue decided on a stale view is refused too. The store keeps one current allocation of the number. A
/// block overlapping another node's block (from another first number), or a number inside it, is refused the same way
/// naming the block and its holder, and of two overlapping blocks allocated by two nodes at once one is kept.
/// </summary>
[NonParallelizable]
public sealed class AllocationAcrossNodesTests
{
    private static readonly ApiCaller Carrier = new("test-key", [Role.CarrierOperator], "carrier-a");

    [TestCase("sqlite")]
    [TestCase("postgresql")]
    public async Task TheSecondNodeToAllocateANumberIsRefusedNamingIt(string store)
    {
        await OnStoreAsync(store, async Database =>
        {
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
        });
    }

    [TestCase("sqlite")]
    [TestCase("postgresql")]
    public async Task ABlockOverlappingAnotherNodesBlockIsRefusedNamingItAndItsHolder(string store)
    {
        await OnStoreAsync(store, async Database =>
        {
            using var first = Ledger(Database());
            using var second = Ledger(Database());
            var since = DateTimeOffset.UtcNow.AddMinutes(-10);

            var made = await first.AllocateAsync(AllocationKind.Block, "075512341000", "075512341099", "ent-a", "trunk-a", needsQualification: false, since, Carrier, since);
            // Different first numbers, so the unique index of version 15 does not compare them; the second node has not seen the first block.
            var overlapping = await second.AllocateAsync(AllocationKind.Block, "075512341050", "075512341149", "ent-b", "trunk-b", needsQualification: false, since, Carrier, since);
            var inside = await second.AllocateAsync(AllocationKind.Number, "075512341007", "075512341007", "ent-c", null, needsQualification: false, since, Carrier, since);
            var beside = await second.AllocateAsync(AllocationKind.Block, "075512341100", "075512341199", "ent-b", "trunk-b", needsQualification: false, since, Carrier, since);

            Assert.Multiple(() =>
            {
                Assert.That(made.Created, Is.True);
                Assert.That(overlapping.Allocation, Is.Null, "a block overlapping another node's is refused");
                Assert.That(overlapping.Refusal.Select(r => r.Field), Is.EqualTo(new[] { "block" }));
                Assert.That(overlapping.Refusal[0].Problem, Does.Contain("075512341000-075512341099").And.Contain("ent-a"), "the refusal names the block and its holder");
                Assert.That(inside.Allocation, Is.Null, "a number inside another node's block is refused");
                Assert.That(inside.Refusal[0].Problem, Does.Contain("075512341000-075512341099").And.Contain("ent-a"));
                Assert.That(beside.Created, Is.True, "a block next to it, sharing no number, is allocated");
                Assert.That(second.Allocations("075512341060", null, null).Select(a => a.Holder), Is.EqualTo(new[] { "ent-a" }), "after the refusal the second node knows the holder");
                Assert.That(CurrentBlocks(Database()), Is.EqualTo(new[] { "075512341000-075512341099 ent-a", "075512341100-075512341199 ent-b" }));
            });
        });
    }

    [TestCase("sqlite")]
    [TestCase("postgresql")]
    public async Task OfTwoOverlappingBlocksAllocatedByTwoNodesAtOnceOneIsKept(string store)
    {
        await using var server = store == "postgresql" ? await Server() : null;
        var directory = Directory.CreateTempSubdirectory("reference-nodes-").FullName;
        try
        {
            SqlDatabase Database() => server is null ? DirectoryStores.Sqlite(Path.Combine(directory, "reference.db")).Database : DirectoryStores.PostgreSql(server.ConnectionString).Database;
            using var first = Ledger(Database());
            using var second = Ledger(Database());
            var since = DateTimeOffset.UtcNow.AddMinutes(-10);
            const int Pairs = 20;

            // Each pair: blocks of 100 numbers, the second starting half-way through the first; both started before either is written.
            var outcomes = await Task.WhenAll(Enumerable.Range(0, Pairs).SelectMany(i => new[]
            {
                Task.Run(() => first.AllocateAsync(AllocationKind.Block, Number(i * 1000), Number((i * 1000) + 99), "ent-a", "trunk-a", needsQualification: false, since, Carrier, since)),
                Task.Run(() => second.AllocateAsync(AllocationKind.Block, Number((i * 1000) + 50), Number((i * 1000) + 149), "ent-b", "trunk-b", needsQualification: false, since, Carrier, since)),
            }));

            var made = outcomes.Chunk(2).Select(pair => pair.Count(o => o.Created)).ToList();
            var refusals = outcomes.Where(o => o.Allocation is null).Select(o => o.Refusal[0].Problem).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(made, Is.All.EqualTo(1), "of each pair of overlapping blocks, one is allocated");
                Assert.That(refusals, Has.Count.EqualTo(Pairs).And.All.Match("is allocated to ent-[ab]"), "the other is refused naming its holder");
                Assert.That(CurrentBlocks(Database()), Has.Count.EqualTo(Pairs), "the store holds one block of each pair");
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        static string Number(int n) => "0755" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task OnPostgreSqlAnAllocationWaitsForAnotherNodesUncommittedBlockAndIsRefused()
    {
        await using var server = await Server();
        using var ledger = Ledger(DirectoryStores.PostgreSql(server.ConnectionString).Database);
        var since = DateTimeOffset.UtcNow.AddMinutes(-10);

        // Another node's allocation between its insert and its commit: under read committed, a check alone would not see it.
        await using var other = new Npgsql.NpgsqlConnection(server.ConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO resource_allocations (id, kind, first_number, last_number, holder, trunk, since, until_at, previous_holder, recorded_by) " +
            "VALUES ('allocation-other', 'block', '075512342000', '075512342099', 'ent-a', 'trunk-a', @since, NULL, NULL, 'carrier-a')", other, tx))
        {
            insert.Parameters.AddWithValue("since", SqlDatabase.Text(since));
            await insert.ExecuteNonQueryAsync();
        }

        var allocating = Task.Run(() => ledger.AllocateAsync(AllocationKind.Block, "075512342050", "075512342149", "ent-b", "trunk-b", needsQualification: false, since, Carrier, since));
        using var watcher = DirectoryStores.PostgreSql(server.ConnectionString).Database;
        var waited = SpinWait.SpinUntil(() => allocating.IsCompleted || watcher.Reading("locks", () => watcher.Read("SELECT count(*) FROM pg_locks WHERE NOT granted", r => r.GetInt64(0)))[0] > 0, TimeSpan.FromSeconds(30));
        var doneBeforeCommit = allocating.IsCompleted;
        await tx.CommitAsync();
        var outcome = await allocating;

        Assert.Multiple(() =>
        {
            Assert.That(waited && !doneBeforeCommit, Is.True, "the allocation waits for the other node's write to end");
            Assert.That(outcome.Allocation, Is.Null, "and is then refused");
            Assert.That(outcome.Refusal[0].Problem, Does.Contain("075512342000-075512342099").And.Contain("ent-a"));
            Assert.That(CurrentBlocks(DirectoryStores.PostgreSql(server.ConnectionString).Database), Is.EqualTo(new[] { "075512342000-075512342099 ent-a" }));
        });
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

    private static List<string> CurrentBlocks(SqlDatabase database)
    {
        using (database)
        {
            return database.Reading("allocations", () => database.Read(
                "SELECT first_number, last_number, holder FROM resource_allocations WHERE until_at IS NULL ORDER BY first_number", r => $"{r.GetString(0)}-{r.GetString(1)} {r.GetString(2)}"));
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

    /// <summary>Runs <paramref name="test"/> with nodes' stores on one SQLite file or one PostgreSQL server, then removes them.</summary>
    private static async Task OnStoreAsync(string store, Func<Func<SqlDatabase>, Task> test)
    {
        await using var server = store == "postgresql" ? await Server() : null;
        var directory = Directory.CreateTempSubdirectory("reference-nodes-").FullName;
        try
        {
            await test(() => server is null ? DirectoryStores.Sqlite(Path.Combine(directory, "reference.db")).Database : DirectoryStores.PostgreSql(server.ConnectionString).Database);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
