using System.Data.Common;
using Reference.Portal;
using Reference.Storage;
using Reference.Tests.Storage;

namespace Reference.Tests.Portal;

/// <summary>
/// The portal's chart of interceptions per rule and hour reads its window from call_records_intercepted (migration 18),
/// on SQLite and PostgreSQL, and that index is partial: a forwarded call's record does not write it. Without it the
/// chart scans every record (the table has no index by time since migration 14). PostgreSQL gets 20,000 rows and their
/// statistics first, and is told to avoid sequential scans, as a test table is too small for its planner to bother otherwise.
/// </summary>
[NonParallelizable]
public sealed class InterceptionChartPlanTests
{
    [Test]
    public void SqliteReadsTheWindowFromThePartialIndex()
    {
        using var store = DirectoryStores.Sqlite(":memory:");
        Assert.Multiple(() =>
        {
            Assert.That(Plan(store.Database, "EXPLAIN QUERY PLAN " + PortalRecords.InterceptionsPerRuleHourQuery), Does.Contain("INDEX call_records_intercepted"));
            Assert.That(Plan(store.Database, "SELECT sql FROM sqlite_master WHERE name = 'call_records_intercepted'"), Does.Contain("WHERE decision = 'intercept'"));
        });
    }

    [Test]
    public async Task PostgreSqlReadsTheWindowFromThePartialIndex()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        using var store = DirectoryStores.PostgreSql(server.ConnectionString);
        store.Database.Write(tx => SqlDatabase.Execute(tx,
            "INSERT INTO call_records (at, realm, trunk, calling, called, origid, call_id, decision, reason) " +
            "SELECT g * 1000, 'access', NULL, '137' || g, '139' || g, NULL, 'call-' || g, CASE WHEN g % 10 = 0 THEN 'intercept' ELSE 'forward' END, " +
            "CASE WHEN g % 10 = 0 THEN 'number-not-allocated' ELSE 'admitted' END FROM generate_series(1, 20000) g"));
        store.Database.Reading("statistics", () => store.Database.Read("ANALYZE call_records", Row));
        store.Database.Reading("a setting", () => store.Database.Read("SET enable_seqscan = off", Row));
        Assert.Multiple(() =>
        {
            Assert.That(Plan(store.Database, "EXPLAIN " + PortalRecords.InterceptionsPerRuleHourQuery), Does.Contain("call_records_intercepted"));
            Assert.That(Plan(store.Database, "SELECT indexdef FROM pg_indexes WHERE indexname = 'call_records_intercepted'"), Does.Contain("WHERE (decision = 'intercept'::text)"));
        });
    }

    private static string Plan(SqlDatabase database, string sql) =>
        string.Join("\n", database.Reading("a plan", () => database.Read(sql, Row,
            ("@hour", 3_600_000_000L), ("@from", 1_000_000L), ("@to", 2_000_000L))));

    private static string Row(DbDataReader r) => string.Join(" ", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
}
