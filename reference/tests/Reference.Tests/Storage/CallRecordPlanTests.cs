using System.Data.Common;
using Reference.Storage;

namespace Reference.Tests.Storage;

/// <summary>
/// The queries on call records read an index, on SQLite and PostgreSQL: a trunk audit's window (trunk, at: migration 11,
/// partial, for calls that came over a trunk), a traceback by callee over several number forms (called, at), a traceback
/// by origid (origid, at: migration 14, partial, for calls that carried one; the origid a code since migration 20), and the retention sweep's probes by seq
/// (the primary key: the table has no index by time since migration 14).
/// PostgreSQL gets 20,000 rows and their statistics first, and is told to avoid sequential scans, as a test table is
/// too small for its planner to bother otherwise.
/// </summary>
[NonParallelizable]
public sealed class CallRecordPlanTests
{
    private const string Audit = "SELECT at, calling FROM call_records WHERE at >= @from AND at < @to AND trunk = @trunk ORDER BY at LIMIT 100";

    // One form of the callee's number, as CallRecordSearch asks for each.
    private const string ByCallee = "SELECT at FROM call_records WHERE called = @a AND at >= @from AND at < @to ORDER BY at DESC LIMIT 100";

    // As CallRecordSearch asks: the origid's code (migration 20) looked up first.
    private const string ByOrigId = "SELECT at FROM call_records WHERE origid = (SELECT code FROM call_record_codes WHERE text = @a) AND at >= @from AND at < @to ORDER BY at DESC LIMIT 100";

    // The trunk audit and the portal's interceptions as they read the texts of the codes (migration 19): the joins
    // must leave the records' index in use.
    private const string AuditWithTexts = "SELECT c.at, c.calling, d.text, x.text FROM call_records c " +
        "JOIN call_record_codes d ON d.code = c.decision JOIN call_record_codes x ON x.code = c.reason " +
        "WHERE c.at >= @from AND c.at < @to AND c.trunk = @trunk ORDER BY c.at LIMIT 100";

    private const string InterceptionsWithTexts = "SELECT c.at, c.called, x.text FROM call_records c JOIN call_record_codes x ON x.code = c.reason " +
        "WHERE c.calling = @a AND c.decision = (SELECT code FROM call_record_codes WHERE text = 'intercept') ORDER BY c.at DESC LIMIT 200";

    // What CallRecordSeq asks at each step of its search.
    private const string Probe = "SELECT seq, at FROM call_records WHERE seq >= @seq ORDER BY seq LIMIT 1";

    [Test]
    public void SqliteReadsTheTrunkAndCalleeIndexes()
    {
        using var store = DirectoryStores.Sqlite(":memory:");
        Assert.Multiple(() =>
        {
            Assert.That(Plan(store.Database, "EXPLAIN QUERY PLAN " + Audit), Does.Contain("INDEX call_records_trunk"));
            Assert.That(Plan(store.Database, "EXPLAIN QUERY PLAN " + ByCallee), Does.Contain("INDEX call_records_called"));
            Assert.That(Plan(store.Database, "EXPLAIN QUERY PLAN " + ByOrigId), Does.Contain("INDEX call_records_origid"));
            Assert.That(Plan(store.Database, "EXPLAIN QUERY PLAN " + Probe), Does.Contain("INTEGER PRIMARY KEY"));
            Assert.That(Plan(store.Database, "EXPLAIN QUERY PLAN " + AuditWithTexts), Does.Contain("INDEX call_records_trunk"));
            Assert.That(Plan(store.Database, "EXPLAIN QUERY PLAN " + InterceptionsWithTexts), Does.Contain("INDEX call_records_calling"));
            Assert.That(Plan(store.Database, "SELECT name FROM sqlite_master WHERE tbl_name = 'call_records' AND type = 'index'"), Does.Not.Contain("call_records_at"));
        });
    }

    [Test]
    public async Task PostgreSqlReadsTheTrunkAndCalleeIndexes()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        using var store = DirectoryStores.PostgreSql(server.ConnectionString);
        // Rows and statistics, so that the planner weighs the indexes as it would on a store in service.
        store.Database.Write(tx =>
        {
            SqlDatabase.Execute(tx, "INSERT INTO call_record_codes (text) VALUES ('access'), ('forward'), ('admitted')");
            SqlDatabase.Execute(tx,
                "INSERT INTO call_records (at, realm, trunk, calling, called, origid, call_id, decision, reason) " +
                "SELECT g * 1000, r.code, CASE WHEN g % 10 = 0 THEN 'trunk-' || (g % 50) END, '137' || g, '139' || g, CASE WHEN g % 3 = 0 THEN g END, 'call-' || g, d.code, x.code " +
                "FROM generate_series(1, 20000) g, call_record_codes r, call_record_codes d, call_record_codes x WHERE r.text = 'access' AND d.text = 'forward' AND x.text = 'admitted'");
        });
        store.Database.Reading("statistics", () => store.Database.Read("ANALYZE call_records", Row));
        store.Database.Reading("a setting", () => store.Database.Read("SET enable_seqscan = off", Row));
        Assert.Multiple(() =>
        {
            Assert.That(Plan(store.Database, "EXPLAIN " + Audit), Does.Contain("call_records_trunk"));
            Assert.That(Plan(store.Database, "EXPLAIN " + ByCallee), Does.Contain("call_records_called"));
            Assert.That(Plan(store.Database, "EXPLAIN " + ByOrigId), Does.Contain("call_records_origid"));
            Assert.That(Plan(store.Database, "EXPLAIN " + Probe), Does.Contain("call_records_pkey"));
            Assert.That(Plan(store.Database, "SELECT indexname FROM pg_indexes WHERE tablename = 'call_records'"), Does.Not.Contain("call_records_at"));
        });
    }

    private static string Plan(SqlDatabase database, string sql) =>
        string.Join("\n", database.Reading("a plan", () => database.Read(sql, Row,
            ("@from", 0L), ("@to", long.MaxValue), ("@trunk", "trunk-1"), ("@a", "13912345678"), ("@seq", 5000L), ("@b", "+8613912345678"), ("@c", "008613912345678"))));

    private static string Row(DbDataReader r) => string.Join(" ", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
}
