using Labelling.Appeals;
using Npgsql;
using Reference.Access;
using Reference.Resources;
using Reference.Storage;
using Reference.Tests.Storage;

namespace Reference.Tests.Resources;

/// <summary>
/// The ledger's writes wait only for writes of the same records (<see cref="ResourceClaim"/>): while the store holds one
/// enterprise's write, other enterprises', numbers' and trunks' writes are kept and answered; an allocation to the held
/// enterprise waits, then decides on what was written; a number asked for by many at once is allocated once; an
/// allocation asked while its holder is being listed waits and is refused.
/// </summary>
[NonParallelizable]
public sealed class ResourceLedgerClaimsTests
{
    private static readonly ApiCaller Carrier = new("test-key", [Role.CarrierOperator], "carrier-a");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Test]
    public async Task WritesOfOtherRecordsGoOnWhileOneEnterprisesWriteIsHeld()
    {
        await using var server = await Server();
        using var ledger = Ledger(server.ConnectionString);
        var now = DateTimeOffset.UtcNow;
        await using var holder = await TableHold.StartAsync(server.ConnectionString, "qualifications");

        var qualifying = ledger.QualifyAsync(Qualified("ent-a", now));
        var listed = await ledger.ListAsync("ent-c", "harassing calls", Carrier, now).WaitAsync(Patience);
        var suspended = await ledger.SuspendAsync("trunk-x", "spoofed numbers", Carrier, now).WaitAsync(Patience);
        var other = await ledger.AllocateAsync(AllocationKind.Number, "4001230001", "4001230001", "ent-b", null, needsQualification: false, now, Carrier, now).WaitAsync(Patience);
        var waiting = ledger.AllocateAsync(AllocationKind.Number, "4001230002", "4001230002", "ent-a", null, needsQualification: true, now, Carrier, now);
        await Task.Delay(300);

        Assert.Multiple(() =>
        {
            Assert.That(listed.Enterprise, Is.EqualTo("ent-c"));
            Assert.That(suspended.Trunk, Is.EqualTo("trunk-x"));
            Assert.That(other.Created, Is.True, "another enterprise's allocation was kept while ent-a's qualification waited");
            Assert.That(qualifying.IsCompleted, Is.False, "the store still holds ent-a's qualification");
            Assert.That(waiting.IsCompleted, Is.False, "an allocation to ent-a waits for ent-a's qualification");
        });

        await holder.ReleaseAsync();
        await qualifying.WaitAsync(Patience);
        var allocated = await waiting.WaitAsync(Patience);
        Assert.That(allocated.Created, Is.True, "the waiting allocation decided on the qualification written meanwhile: " + allocated.Title);
    }

    [Test]
    public async Task AnAllocationAskedWhileItsHolderIsBeingListedIsRefused()
    {
        await using var server = await Server();
        using var ledger = Ledger(server.ConnectionString);
        var now = DateTimeOffset.UtcNow;
        Task<DisciplineEntry> listing;
        Task<AllocationOutcome> allocating;
        await using (var holder = await TableHold.StartAsync(server.ConnectionString, "discipline_list"))
        {
            listing = ledger.ListAsync("ent-l", "fraud", Carrier, now);
            allocating = ledger.AllocateAsync(AllocationKind.Number, "4001230009", "4001230009", "ent-l", null, needsQualification: false, now, Carrier, now);
            await Task.Delay(300);
            Assert.That(allocating.IsCompleted, Is.False, "the allocation waits for the listing being written");
            await holder.ReleaseAsync();
        }

        await listing.WaitAsync(Patience);
        var outcome = await allocating.WaitAsync(Patience);
        Assert.That(outcome.Allocation, Is.Null, "a listed enterprise gets no allocation");
        Assert.That(ledger.Allocations("4001230009", null, null), Is.Empty);
    }

    [TestCase("sqlite")]
    [TestCase("postgresql")]
    public async Task ANumberAskedForByManyAtOnceIsAllocatedOnce(string store)
    {
        await using var server = store == "postgresql" ? await Server() : null;
        var directory = Directory.CreateTempSubdirectory("reference-ledger-").FullName;
        try
        {
            using var ledger = new ResourceLedger(new ResourceStore(server is null ? DirectoryStores.Sqlite(Path.Combine(directory, "reference.db")).Database : DirectoryStores.PostgreSql(server.ConnectionString).Database),
                new ResourceOptions(), new NumberAllocations());
            await AllocatedOnce(ledger);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task AllocatedOnce(ResourceLedger ledger)
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);

        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            ledger.AllocateAsync(AllocationKind.Number, "4005550001", "4005550001", $"ent-{i}", null, needsQualification: false, since, Carrier, since.AddMinutes(1)))));
        var blocks = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            ledger.AllocateAsync(AllocationKind.Block, $"02155{i % 4:D1}00000", $"02155{i % 4 + 1:D1}99999", $"ent-{i}", "trunk-" + i, needsQualification: false, since, Carrier, since.AddMinutes(1)))));

        Assert.Multiple(() =>
        {
            Assert.That(numbers.Count(o => o.Created), Is.EqualTo(1), "one holder got the number");
            Assert.That(ledger.Allocations("4005550001", null, null), Has.Count.EqualTo(1));
            Assert.That(blocks.Count(o => o.Created), Is.EqualTo(2), "four blocks in a row, each overlapping its neighbours: whichever come first, two are kept");
            var kept = ledger.Allocations(null, null, null).Where(a => a.Kind == AllocationKind.Block).ToList();
            Assert.That(kept.SelectMany(a => kept.Where(b => b.Id != a.Id && b.Overlaps(a.First, a.Last))), Is.Empty, "no two blocks kept overlap");
        });
    }

    private static async Task<PostgresServer> Server()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        return await PostgresServer.StartAsync();
    }

    private static ResourceLedger Ledger(string connectionString) =>
        new(new ResourceStore(DirectoryStores.PostgreSql(connectionString).Database), new ResourceOptions(), new NumberAllocations());

    private static Qualification Qualified(string enterprise, DateTimeOffset now) =>
        new(enterprise, "customer service", "Beijing", "hotline", now.AddYears(1), now, "test");

    /// <summary>A transaction of another connection holding a table, so that every write to it waits until it ends.</summary>
    private sealed class TableHold : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _tx;

        private TableHold(NpgsqlConnection connection, NpgsqlTransaction tx) => (_connection, _tx) = (connection, tx);

        public static async Task<TableHold> StartAsync(string connectionString, string table)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var tx = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN EXCLUSIVE MODE", connection, tx))
            {
                await command.ExecuteNonQueryAsync();
            }

            return new TableHold(connection, tx);
        }

        public Task ReleaseAsync() => _tx.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await _tx.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
