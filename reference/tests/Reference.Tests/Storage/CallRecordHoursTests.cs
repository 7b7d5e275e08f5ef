using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Reference.Storage;
using Reference.Traceback;
using Screening;

namespace Reference.Tests.Storage;

/// <summary>
/// The console's chart reads intercepted calls per hour and reason from call_record_hours, which the call-record writer
/// keeps in the records' own transaction: after records spread over hours, reasons and batches (forwarded calls among
/// them, records out of time order), the counts equal a count of the records themselves, on SQLite and on PostgreSQL;
/// an older store's records are counted when it gains the table; and the retention takes an hour's count once the
/// whole hour is past it.
/// </summary>
[NonParallelizable]
public sealed class CallRecordHoursTests
{
    private const string FromRecords =
        "SELECT at / 3600000000, reason, COUNT(*) FROM call_records_text WHERE decision = 'intercept' GROUP BY at / 3600000000, reason";

    private const string FromHours = "SELECT hour, reason, calls FROM call_record_hours";

    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void OnSqliteTheHoursCountWhatTheRecordsHold() => WithSqliteFile(file =>
    {
        using var database = DirectoryStores.Sqlite(file).Database;
        WriteSpread(database);
        Assert.That(Counts(database, FromHours), Is.EquivalentTo(Counts(database, FromRecords)).And.Not.Empty);
    });

    [Test]
    public async Task OnPostgreSqlTheHoursCountWhatTheRecordsHold()
    {
        if (PostgresServer.Missing() is { } missing)
        {
            Assert.Inconclusive(missing);
        }

        await using var server = await PostgresServer.StartAsync();
        using var database = DirectoryStores.PostgreSql(server.ConnectionString).Database;
        WriteSpread(database);
        Assert.That(Counts(database, FromHours), Is.EquivalentTo(Counts(database, FromRecords)).And.Not.Empty);
    }

    [Test]
    public void AStoreFromBeforeTheTableHasItsRecordsCountedWhenItGainsIt() => WithSqliteFile(file =>
    {
        using (var database = DirectoryStores.Sqlite(file).Database)
        {
            WriteSpread(database);

            // As the store was before migration 18: records with their texts (no codes: migration 19 came later), no
            // counts, neither version applied.
            database.Write(tx =>
            {
                SqlDatabase.Execute(tx, "CREATE TABLE records_before AS SELECT seq, at, realm, trunk, calling, called, origid, call_id, decision, reason FROM call_records_text");
                SqlDatabase.Execute(tx, "DROP VIEW call_records_text");
                SqlDatabase.Execute(tx, "DROP TABLE call_records");
                SqlDatabase.Execute(tx, "DROP TABLE call_record_codes");
                SqlDatabase.Execute(tx, "ALTER TABLE records_before RENAME TO call_records");
                SqlDatabase.Execute(tx, "DROP TABLE call_record_hours");
                SqlDatabase.Execute(tx, "DELETE FROM schema_migrations WHERE version IN (18, 19)");
            });
        }

        SqliteConnection.ClearAllPools();
        using var reopened = DirectoryStores.Sqlite(file).Database;
        Assert.That(Counts(reopened, FromHours), Is.EquivalentTo(Counts(reopened, FromRecords)).And.Not.Empty);
    });

    [Test]
    public void TheRetentionTakesTheCountOfAnHourOnceTheWholeHourIsPast()
    {
        using var database = DirectoryStores.Sqlite(":memory:").Database;
        using (var writer = new CallRecordWriter(database))
        {
            // One intercepted call in each of hours 0, 1 and 2 after T0.
            for (var hour = 0; hour < 3; hour++)
            {
                Assert.That(writer.TryRecord(Record(T0.AddHours(hour).AddMinutes(30), "intercept", "one-ring")), Is.True);
            }
        }

        // Retention of one day, now one day and 90 minutes after T0: hour 0 is wholly past, hour 1 only half.
        var retention = new CallRecordRetention(database, new FixedTime(T0.AddDays(1).AddMinutes(90)),
            new TracebackOptions { Retention = TimeSpan.FromDays(1) }, NullLogger<CallRecordRetention>.Instance);
        retention.Sweep();

        var first = CallRecordWriter.Microseconds(T0) / 3_600_000_000;
        Assert.That(Counts(database, FromHours).Select(c => c.Hour), Is.EquivalentTo(new[] { first + 1, first + 2 }));
    }

    /// <summary>
    /// Two thousand records over five hours (newest first, as a seed out of time order writes them), three reasons
    /// intercepted and one forwarded, in batches of several sizes: the writer is disposed between rounds so that one
    /// hour's count is added to by more than one transaction.
    /// </summary>
    private static void WriteSpread(SqlDatabase database)
    {
        string[] reasons = ["one-ring", "bombing", "spoofed-plus86"];
        for (var round = 0; round < 3; round++)
        {
            using var writer = new CallRecordWriter(database);
            for (var i = 700; i-- > 0;)
            {
                var at = T0.AddMinutes(i * 3 % 300).AddSeconds(round);
                var forwarded = i % 7 == 0;
                Assert.That(writer.TryRecord(Record(at, forwarded ? "forward" : "intercept", forwarded ? "none" : reasons[i % 3])), Is.True);
            }
        }
    }

    private static CallRecord Record(DateTimeOffset at, string decision, string reason) =>
        new(at, Realm.Access, null, "13900000001", "13800000002", null, Guid.NewGuid().ToString("N"), decision, reason);

    private static List<(long Hour, string Reason, long Calls)> Counts(SqlDatabase database, string sql) =>
        database.Reading("counts", () => database.Read(sql, r => (Convert.ToInt64(r.GetValue(0)), r.GetString(1), Convert.ToInt64(r.GetValue(2)))));

    private static void WithSqliteFile(Action<string> test)
    {
        var directory = Directory.CreateTempSubdirectory("reference-hours-").FullName;
        try
        {
            test(Path.Combine(directory, "reference.db"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
