using System.Data.Common;
using Reference.Storage;

namespace Reference.Resources;

/// <summary>
/// The resources tables of the node's store (schema version 8), on a connection of their own: qualifications, every
/// allocation with its reissues, the joint-discipline list and trunk sanctions. Each change is one transaction, and a
/// reissue ends the earlier allocation and records the new one in the same one. A number's allocation is also written to
/// the allocations table (version 5) the appeal desk reads back at start, in that transaction. The store holds one
/// current allocation per first number (version 15), and an allocation is written only if no current one overlaps it
/// (<see cref="AllocatedAsync"/>): of two nodes allocating the same numbers at once, the second is refused.
/// </summary>
public sealed class ResourceStore(SqlDatabase database) : IDisposable
{
    public string Description => database.Description;

    public (List<Qualification> Qualifications, List<ResourceAllocation> Allocations, List<DisciplineEntry> List, List<TrunkSanction> Sanctions) Load() =>
        database.Reading("resources", () => (
            database.Read("SELECT enterprise, business_scope, connects_to, purpose, valid_until, recorded_at, recorded_by FROM qualifications", r => new Qualification(
                r.GetString(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4) is { } until ? SqlDatabase.Instant(until) : null, SqlDatabase.Instant(r.GetString(5)), r.GetString(6))),
            database.Read("SELECT id, kind, first_number, last_number, holder, trunk, since, until_at, previous_holder, recorded_by FROM resource_allocations", Allocation),
            database.Read("SELECT id, enterprise, carrier, reason, listed_at FROM discipline_list", r => new DisciplineEntry(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), SqlDatabase.Instant(r.GetString(4)))),
            database.Read("SELECT id, trunk, reason, since, imposed_by, lifted_at FROM trunk_sanctions", r => new TrunkSanction(
                r.GetString(0), r.GetString(1), r.GetString(2), SqlDatabase.Instant(r.GetString(3)), r.GetString(4), Text(r, 5) is { } lifted ? SqlDatabase.Instant(lifted) : null))));

    public Task QualifiedAsync(Qualification q) => database.WriteAsync(tx => SqlDatabase.Execute(tx,
        "INSERT INTO qualifications (enterprise, business_scope, connects_to, purpose, valid_until, recorded_at, recorded_by) VALUES (@enterprise, @scope, @connects, @purpose, @until, @at, @by) " +
        "ON CONFLICT (enterprise) DO UPDATE SET business_scope = excluded.business_scope, connects_to = excluded.connects_to, purpose = excluded.purpose, valid_until = excluded.valid_until, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
        ("enterprise", q.Enterprise), ("scope", q.BusinessScope), ("connects", q.ConnectsTo), ("purpose", q.Use),
        ("until", q.ValidUntil is { } until ? SqlDatabase.Text(until) : null), ("at", SqlDatabase.Text(q.RecordedAt)), ("by", q.RecordedBy)));

    /// <summary>
    /// Records <paramref name="allocation"/>, ending <paramref name="ended"/> (the earlier holder's, on a reissue) in the
    /// same transaction, unless a current allocation in the store overlaps it: then nothing is written and this throws
    /// <see cref="AllocationOverlapException"/>. Nodes decide in their own memory, so two blocks with different first
    /// numbers (which the unique index of version 15 does not compare) may be allocated by two nodes at once: the check
    /// is made in the transaction that inserts, and allocations are written one at a time on the store (SQLite's
    /// transaction holds the write lock from its start; on PostgreSQL the table's lock below, which readers do not wait
    /// for), so the second sees the first.
    /// </summary>
    public Task AllocatedAsync(ResourceAllocation allocation, ResourceAllocation? ended) => database.WriteAsync(tx =>
    {
        if (database.IsServer)
        {
            SqlDatabase.Execute(tx, "LOCK TABLE resource_allocations IN SHARE ROW EXCLUSIVE MODE");
        }

        if (ended is not null)
        {
            SqlDatabase.Execute(tx, "UPDATE resource_allocations SET until_at = @until WHERE id = @id", ("id", ended.Id), ("until", SqlDatabase.Text(ended.Until!.Value)));
        }

        var inserted = SqlDatabase.ExecuteCount(tx,
            "INSERT INTO resource_allocations (id, kind, first_number, last_number, holder, trunk, since, until_at, previous_holder, recorded_by) " +
            "SELECT @id, @kind, @first, @last, @holder, @trunk, @since, NULL, @previous, @by WHERE NOT EXISTS (" + CurrentOverlapping + ")",
            ("id", allocation.Id), ("kind", allocation.Kind == AllocationKind.Block ? "block" : "number"), ("first", allocation.First), ("last", allocation.Last),
            ("holder", allocation.Holder), ("trunk", allocation.Trunk), ("since", SqlDatabase.Text(allocation.Since)), ("previous", allocation.PreviousHolder), ("by", allocation.RecordedBy));
        if (inserted == 0)
        {
            // Thrown inside the transaction, so that the earlier holder's allocation is not ended either.
            throw new AllocationOverlapException(allocation.First, allocation.Last);
        }

        if (allocation.Kind == AllocationKind.Number)
        {
            SqlDatabase.Execute(tx,
                "INSERT INTO allocations (number, holder, since) VALUES (@number, @holder, @since) ON CONFLICT (number) DO UPDATE SET holder = excluded.holder, since = excluded.since",
                ("number", allocation.First), ("holder", allocation.Holder), ("since", SqlDatabase.Text(allocation.Since)));
        }
    });

    /// <summary>
    /// Every allocation on record overlapping <paramref name="first"/>..<paramref name="last"/>, ended ones too: what the
    /// store holds of those numbers after it refused a write because another node allocated them first
    /// (<see cref="StorageException.IsUniqueViolation"/>, <see cref="AllocationOverlapException"/>).
    /// </summary>
    public Task<List<ResourceAllocation>> AllocationsOverlappingAsync(string first, string last) => database.ReadAsync("allocations",
        "SELECT id, kind, first_number, last_number, holder, trunk, since, until_at, previous_holder, recorded_by FROM resource_allocations " +
        "WHERE " + Overlapping,
        Allocation, ("first", first), ("last", last));

    public Task ListedAsync(DisciplineEntry entry) => database.WriteAsync(tx => SqlDatabase.Execute(tx,
        "INSERT INTO discipline_list (id, enterprise, carrier, reason, listed_at) VALUES (@id, @enterprise, @carrier, @reason, @at)",
        ("id", entry.Id), ("enterprise", entry.Enterprise), ("carrier", entry.Carrier), ("reason", entry.Reason), ("at", SqlDatabase.Text(entry.ListedAt))));

    public Task SanctionedAsync(TrunkSanction sanction) => database.WriteAsync(tx => SqlDatabase.Execute(tx,
        "INSERT INTO trunk_sanctions (id, trunk, reason, since, imposed_by, lifted_at) VALUES (@id, @trunk, @reason, @since, @by, NULL)",
        ("id", sanction.Id), ("trunk", sanction.Trunk), ("reason", sanction.Reason), ("since", SqlDatabase.Text(sanction.Since)), ("by", sanction.ImposedBy)));

    public Task LiftedAsync(TrunkSanction sanction) => database.WriteAsync(tx => SqlDatabase.Execute(tx,
        "UPDATE trunk_sanctions SET lifted_at = @at WHERE id = @id", ("id", sanction.Id), ("at", SqlDatabase.Text(sanction.LiftedAt!.Value))));

    public void Dispose() => database.Dispose();

    // As ResourceAllocation.Overlaps: numbers of one length compare digit by digit, in any collation.
    private const string Overlapping = "length(first_number) = length(@first) AND first_number <= @last AND last_number >= @first";

    private const string CurrentOverlapping = "SELECT 1 FROM resource_allocations WHERE until_at IS NULL AND " + Overlapping;

    private static ResourceAllocation Allocation(DbDataReader r) => new(
        r.GetString(0), r.GetString(1) == "block" ? AllocationKind.Block : AllocationKind.Number, r.GetString(2), r.GetString(3), r.GetString(4), Text(r, 5),
        SqlDatabase.Instant(r.GetString(6)), Text(r, 7) is { } ended ? SqlDatabase.Instant(ended) : null, Text(r, 8), r.GetString(9));

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
